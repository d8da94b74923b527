/**
 * JSON-LD as the text of a `<script type="application/ld+json">`. Editors write the titles, names and
 * sources it carries, so every character that could end the script element or start markup is sent
 * as a JSON escape: the browser's HTML parser never sees `</script>` or `<!--`, and a JSON reader gets
 * the same values back.
 */
export function jsonLdScriptText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
