import type { NumberFieldSingleValidation } from 'payload'
import { number } from 'payload/shared'

/**
 * A number field counted in whole days, months or reviews: Payload's own check (min, max, required)
 * first, then a whole number. 0.5 notice days was saved, and date arithmetic then read it as 0,
 * withdrawing live answers at once.
 */
const wholeNumber: NumberFieldSingleValidation = (value, options) => {
  const builtIn = number(value, options)
  if (builtIn !== true) return builtIn
  if (typeof value === 'number' && !Number.isInteger(value)) return `Enter a whole number (${value} is not).`
  return true
}

/**
 * Reads only its value: marked so, as Payload's own validators are (patches/payload+3.90.1.patch),
 * so a partial save does not merge the whole document for it.
 */
export const validateWholeNumber = Object.assign(wholeNumber, { readsDocument: false as const })
