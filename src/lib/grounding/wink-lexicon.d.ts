// wink-lexicon ships no type declarations: its word list maps each English word to its parts of speech
// (Penn Treebank tags, the most frequent reading first). Only the lexicon file is loaded.
declare module 'wink-lexicon/src/lexicon.js' {
  const lexicon: Record<string, string[] | undefined>
  export default lexicon
}
