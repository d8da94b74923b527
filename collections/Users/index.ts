import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { isAdminOnOthers } from '@/access/isAdminOnOthers'
import { isAdminOrSelf } from '@/access/isAdminOrSelf'
import { isStaffDirectoryReader } from '@/access/isStaffDirectoryReader'
import { nobody } from '@/access/nobody'
import { ROLES } from '@/access/roles'
import { validateWholeNumber } from '../shared/wholeNumber'
import { CANCER_TYPES, USERS } from '../slugs'
import { assignFirstUserAdmin } from './hooks/assignFirstUserAdmin'
import { preventSelfDeletion } from './hooks/preventSelfDeletion'
import { refusePrivilegeChanges } from './hooks/refusePrivilegeChanges'
import { rerouteOnDeactivation } from './hooks/rerouteOnDeactivation'
import { requireStrongPassword } from './hooks/requireStrongPassword'
import { verifyRelationsExist } from '@hooks/verifyRelationsExist'
import { keepReferencedUsers } from './hooks/keepReferencedUsers'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { loadEnv } from '@/lib/env'
import { validateVerifiedOn } from '@/lib/credentials/verifiedOn'
import { forgotPassword } from './endpoints/forgotPassword'
import { forgetFailedSignIns, guardSignIn } from './hooks/guardSignIn'
import { endStaleAccess, refuseDeactivatedSignIn } from './hooks/endStaleAccess'
import { requireCurrentPassword } from './hooks/requireCurrentPassword'

const serverUrl = loadEnv().serverUrl

export const Users: CollectionConfig = {
  slug: USERS,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles', 'credentials', 'active'],
    group: 'Team',
  },
  auth: {
    // Sessions travel in the HTTP-only cookie; no response body ever carries a token.
    removeTokenFromResponses: true,
    tokenExpiration: 8 * 60 * 60,
    // Payload's lock-out (N failures lock the account for everyone) lets anyone lock anyone out, and
    // its "locked" message tells which emails exist. It is never reached (the columns it uses stay,
    // so no schema change); src/lib/auth/signInThrottle.ts throttles by address and (email, address).
    maxLoginAttempts: 1_000_000,
    lockTime: 10 * 60 * 1000,
    cookies: {
      // HttpOnly always (Payload). Secure whenever the site is served over https. Lax, not Strict:
      // links in our emails (review requests, password reset) open the admin from a mail client, a
      // cross-site navigation that must arrive signed in; Lax still withholds the cookie from other
      // sites' POSTs, and sign-in itself refuses other sites' origins (guardSignIn).
      secure: serverUrl.startsWith('https://'),
      sameSite: 'Lax',
    },
  },
  endpoints: [forgotPassword],
  access: {
    admin: ({ req }) => Boolean(req.user),
    create: isAdmin,
    read: isStaffDirectoryReader,
    update: isAdminOrSelf,
    delete: isAdmin,
    // Unlocking clears someone's failed-login record: an admin's act, never a reviewer's or editor's.
    unlock: isAdmin,
  },
  hooks: {
    beforeOperation: [rejectMalformedId, guardSignIn, refusePrivilegeChanges, requireStrongPassword],
    afterLogin: [forgetFailedSignIns],
    beforeLogin: [refuseDeactivatedSignIn],
    beforeChange: [requireCurrentPassword, verifyRelationsExist, assignFirstUserAdmin, endStaleAccess],
    afterChange: [rerouteOnDeactivation],
    beforeDelete: [preventSelfDeletion, keepReferencedUsers],
  },
  fields: [
    {
      // Asked when you change your own email address or password (requireCurrentPassword); never stored.
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      maxLength: 256,
      // Not `access.read`: the admin leaves out of the form every field its user cannot read.
      hooks: { afterRead: [() => undefined] },
      admin: {
        // Payload makes virtual fields read-only in the admin unless told otherwise.
        readOnly: false,
        condition: (data, _siblingData, { user }) => data?.id !== undefined && String(data.id) === String(user?.id),
        description: 'Needed only to change your own email address or password.',
        components: { Field: '/src/components/admin/users/CurrentPasswordField#CurrentPasswordField' },
      },
    },
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['editor'],
      saveToJWT: true,
      options: ROLES.map((role) => ({ label: role[0]!.toUpperCase() + role.slice(1), value: role })),
      access: { create: isAdminOnOthers, update: isAdminOnOthers },
      admin: { description: 'Only an admin can change roles, and never their own.' },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      index: true,
      admin: {
        position: 'sidebar',
        description:
          'Unticked, the account cannot sign in and its sessions end at once; a reviewer gets no new assignments. Only an admin changes it, never on their own account.',
      },
      access: { update: isAdmin, create: isAdmin },
    },
    {
      type: 'collapsible',
      label: 'Reviewer profile',
      admin: { condition: (data) => Array.isArray(data?.roles) && data.roles.includes('reviewer') },
      fields: [
        {
          name: 'credentials',
          type: 'text',
          maxLength: 120,
          admin: { description: 'As shown to patients, e.g. "MD, FACS".' },
          access: { update: isAdmin, create: isAdmin },
        },
        {
          name: 'specialties',
          type: 'relationship',
          relationTo: CANCER_TYPES,
          hasMany: true,
          index: true,
          access: { update: isAdmin, create: isAdmin },
        },
        {
          name: 'maxOpenReviews',
          type: 'number',
          validate: validateWholeNumber,
          min: 1,
          max: 100,
          defaultValue: 5,
          access: { update: isAdmin, create: isAdmin },
        },
        {
          name: 'lastAssignedAt',
          type: 'date',
          access: { create: nobody, update: nobody },
          admin: { readOnly: true, description: 'When routing last assigned this reviewer (ties go to the least recent).' },
        },
        {
          name: 'credentialsVerifiedOn',
          type: 'date',
          access: { update: isAdmin, create: isAdmin },
          validate: validateVerifiedOn,
          admin: {
            description:
              'When an admin last verified these credentials. A reviewer never verified, or whose verification has lapsed, is not routed answers and cannot decide.',
          },
        },
        {
          name: 'credentialsIntervalMonths',
          label: 'Credential verification interval (months)',
          type: 'number',
          validate: validateWholeNumber,
          min: 1,
          max: 120,
          access: { update: isAdmin, create: isAdmin },
          admin: {
            description:
              'Months until the verification lapses. Blank: the default setting (CREDENTIALS_VERIFICATION_MONTHS, 24 unless set).',
          },
        },
        {
          name: 'credentialsLapseRemindedFor',
          type: 'date',
          access: { create: nobody, update: nobody },
          admin: { readOnly: true, description: 'The lapse date admins were last emailed about (once per lapse).' },
        },
        {
          name: 'conflictsOfInterest',
          type: 'array',
          maxRows: 50,
          admin: { description: 'Declared conflicts. A conflict scoped to cancer types excludes you from reviewing them.' },
          fields: [
            { name: 'statement', type: 'textarea', required: true, maxLength: 2000 },
            { name: 'cancerTypes', type: 'relationship', relationTo: CANCER_TYPES, hasMany: true },
            { name: 'declaredOn', type: 'date', required: true, defaultValue: () => new Date().toISOString() },
          ],
        },
      ],
    },
  ],
}
