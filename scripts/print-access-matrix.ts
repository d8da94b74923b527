/** Prints the access matrix as the Markdown table the README carries (`npm run docs:access`). */
import { accessMatrixMarkdown } from '@tests/helpers/accessMatrix'

console.log(accessMatrixMarkdown())
