/**
 * Text from outside (a model's reply, a webhook receiver's or a CDN's error body) as a record can
 * store and a person can read: control characters are shown as their Unicode control pictures (a NUL
 * as ␀), line breaks and tabs kept. Stored as they came, a NUL made the save fail (every collection
 * refuses it), which lost the very record of the failure.
 */
export const withVisibleControls = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
