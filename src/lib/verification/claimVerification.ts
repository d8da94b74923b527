import { z } from 'zod'

/**
 * The answer's `claimVerification` field (issue 13, shared contract in CLAIMS.md): Claude's verdict
 * on each claim against the passages it cites. Client-safe: the review screen reads it too.
 * A result counts only while its `contentHash` equals the answer's current `contentHash`.
 */
export const claimVerificationSchema = z.object({
  status: z.enum(['verified', 'not_verified']),
  contentHash: z.string(),
  model: z.string().optional(),
  checkedAt: z.string(),
  reason: z.string().optional(),
  claims: z.array(
    z.object({
      id: z.string(),
      verdict: z.enum(['supported', 'partial', 'unsupported']),
      reason: z.string(),
    }),
  ),
})

export type ClaimVerification = z.infer<typeof claimVerificationSchema>

/** The verification of the answer as it stands now, or null (none yet, or made for earlier content). */
export function currentClaimVerification(answer: { contentHash?: string | null; claimVerification?: unknown }): ClaimVerification | null {
  const parsed = claimVerificationSchema.safeParse(answer.claimVerification)
  if (!parsed.success || !answer.contentHash || parsed.data.contentHash !== answer.contentHash) return null
  return parsed.data
}

/** The same shape as JSON Schema, for the generated Payload types. */
export function claimVerificationJsonSchema(): Record<string, unknown> {
  // The `$schema` dialect line is not a type; json-schema-to-typescript needs only the shape.
  const schema = { ...(z.toJSONSchema(claimVerificationSchema) as Record<string, unknown>) }
  delete schema.$schema
  return schema
}
