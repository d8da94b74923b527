export { remindCredentialLapses, type CredentialSweep } from './remindCredentialLapses'
export { credentialIneligibility, credentialSettings, credentialStatus, type CredentialStatus } from './status'
