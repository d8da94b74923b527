/**
 * The one source of "now" for the review lifecycle (due dates, reminders, credential lapses,
 * evidence notices). Production reads the wall clock; tests set the time with `setClock` and run
 * the lifecycle jobs explicitly, so no test waits on real time. Nothing a request carries can set it.
 */
let source: () => Date = () => new Date()

export function now(): Date {
  return new Date(source().getTime())
}

/** For tests: a fixed instant (a Date) or a function returning one. */
export function setClock(time: Date | (() => Date)): void {
  source = typeof time === 'function' ? time : () => time
}

/** For tests: back to the wall clock. */
export function resetClock(): void {
  source = () => new Date()
}
