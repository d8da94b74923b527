/** For values only the server sets (system writes use overrideAccess). */
export const nobody = (): boolean => false
