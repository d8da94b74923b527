import type { TaskConfig } from 'payload'

import { issuePasswordReset, REQUEST_PASSWORD_RESET_TASK } from '../lib/auth/passwordReset'

/**
 * A password reset asked for over POST /api/users/forgot-password: the token and the outbox email,
 * written by a job so that the web request does the same (quick) thing for every email.
 */
export const requestPasswordResetTask: TaskConfig<typeof REQUEST_PASSWORD_RESET_TASK> = {
  slug: REQUEST_PASSWORD_RESET_TASK,
  label: 'Issue a password reset link',
  inputSchema: [{ name: 'email', type: 'email', required: true }],
  retries: { attempts: 2 },
  handler: async ({ input, req }) => {
    await issuePasswordReset(req.payload, input.email)
    return { output: {} }
  },
}
