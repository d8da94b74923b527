/**
 * A response or request body that a test reads field by field. Each test asserts the fields it
 * needs, so a wrong guess fails the assertion; typing every endpoint's JSON again here would add
 * code without adding safety. The one place the tests opt out of `no-explicit-any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the comment above
export type Json = any
