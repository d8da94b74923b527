import { z } from 'zod'

/**
 * A whole-number query parameter, written in digits only: `Number()` (and `z.coerce.number()`) would
 * also read "0x10" as 16, "1e1" as 10 and " 12 " as 12. Refused values get `message`.
 */
export const wholeNumberParam = (message: string, { min = 1, max }: { min?: number; max?: number } = {}) =>
  z
    .string({ error: message })
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .pipe(max === undefined ? z.number().int().min(min, message) : z.number().int().min(min, message).max(max, message))
