import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { PASSWORD_RESET_ANSWER, requestPasswordReset } from '@/lib/auth/passwordReset'
import { refuseForeignOrigin } from '@/lib/auth/refuseForeignOrigin'

/**
 * POST /api/users/forgot-password, in place of Payload's (which writes outside its own transaction on
 * SQLite, waits out the lock for 5 s and fails, and sends SMTP inside the transaction). Always 200
 * with the same message for known and unknown emails; the email goes through the outbox.
 */
export const forgotPassword: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    refuseForeignOrigin(req)
    await addDataAndFileToRequest(req)
    await requestPasswordReset(req, (req.data as { email?: unknown } | undefined)?.email)
    return Response.json({ message: PASSWORD_RESET_ANSWER })
  },
}
