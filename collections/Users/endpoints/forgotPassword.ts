import type { Endpoint } from 'payload'
import { z } from 'zod'

import { GIVE_EMAIL, PASSWORD_RESET_ANSWER, requestPasswordReset } from '@/lib/auth/passwordReset'
import { refuseForeignOrigin } from '@/lib/auth/refuseForeignOrigin'
import { parseBody } from '@/lib/http/requestBody'

const body = z.object({ email: z.string({ error: GIVE_EMAIL }) }, { error: GIVE_EMAIL })

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
    const { email } = await parseBody(req, body, { adminForm: true })
    await requestPasswordReset(req, email)
    return Response.json({ message: PASSWORD_RESET_ANSWER })
  },
}
