/**
 * A pure function of a text, remembered by that text (at most `size` texts, the oldest forgotten
 * first). The grounding checks compare every claim of an answer with the same few cited passages
 * and meet the same words again and again: analysing each passage and stemming each word once
 * instead of once per claim is what keeps the review screen and the save under their budgets.
 * Keyed by the whole input, so a result can never be stale; callers must not mutate what they get.
 */
export function memoByText<T>(compute: (text: string) => T, size: number): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    // One lookup for the usual case (a text seen before): hashing a long text is not free.
    const kept = known.get(text)
    if (kept !== undefined || known.has(text)) return kept as T
    const value = compute(text)
    if (known.size >= size) known.delete(known.keys().next().value!)
    known.set(text, value)
    return value
  }
}
