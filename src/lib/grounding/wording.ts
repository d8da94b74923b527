import lexicon from 'wink-lexicon/src/lexicon.js'

/**
 * Wording a patient page must not use: directive wording (telling the reader what to do with their
 * own treatment is advice, not information) and absolute wording (guidelines describe what is usual,
 * not what is certain). The one definition of both rules: the drafter's safety warnings
 * (src/lib/safety/checkAnswer.ts) and the grounding checks use these functions.
 *
 * Each rule is a grammatical form, not a list of a topic's phrases: advice is an obligation, a
 * permission or an imperative addressed to the reader about a medical action; absolute wording is
 * certainty (always, never, guaranteed, no risk, an outcome stated as certain) that no hedge softens.
 */

// What a reader could do with their own treatment: the actions advice is about. Pointing the reader
// to their care team (ask, talk, contact...) is the product's call to action and is not here.
const ACTION =
  '(?:take|taking|stop|stopping|start|starting|skip|skipping|miss|quit|keep|continue|avoid|refuse|decline|delay|postpone|double|halve|increase|reduce|lower|raise|cut(?: out| down)?|change|switch|drop|ignore|forget|use|have|get|eat|drink|apply|finish|come off|give up|wait|insist on|demand|choose|go ahead with|agree to|go|going|attend|attending|come|coming|having|getting|using|keeping|continuing|finishing|avoiding|missing)'
// Words that make a noun phrase a description of some people rather than an address to the reader:
// "most people need to eat smaller meals" describes; "people must stop" orders.
const QUANTIFIED = '(?<!\\b(?:most|many|some|few|several|these|those|such|other|older|younger|all|of|which|what)\\s+)'

const DIRECTIVES: RegExp[] = [
  // An obligation addressed to the reader, or to patients in general.
  new RegExp(
    `\\b(?:you|everyone|${QUANTIFIED}(?:patients?|people))\\s+(?:really\\s+|always\\s+)?(?:should|must|need to|have to|ought to|shouldn['’]t|should not|must not|mustn['’]t)\\b`,
    'i',
  ),
  new RegExp(`\\b(?:stop|start|quit|keep|avoid|continue)\\s+taking\\b`, 'i'),
  // A soft obligation: "you'll want to get your PSA checked".
  // ("if you want to keep your fertility" is a condition, not advice).
  new RegExp(`(?<!\\b(?:if|unless|whether|when|who)\\s+)\\byou(?:['’]ll| will| may| might)?\\s+(?:want|wish) to\\s+${ACTION}\\b`, 'i'),
  // A negative imperative opens its clause ("Do not take..."); after a subject it describes ("most
  // women who have it do not have cancer").
  new RegExp(
    `(?:^|[.!?:;]\\s*|^[-*+]\\s+|^(?:if|when|once|before|after|while|during|until|as soon as)\\b[^,.;]{1,80},\\s*|\\b(?:and|but|so|then|please|just|also)\\s+)(?:do not|don['’]t|never)\\s+(?:${ACTION}|bother)\\b`,
    'i',
  ),
  // Permission to change treatment: as a possibility addressed to the reader, or impersonal.
  new RegExp(
    `\\b(?:you|patients?|people)\\s+(?:can|could|may)\\s+(?:safely\\s+|just\\s+|simply\\s+)?(?:skip|stop(?! worrying)|ignore|miss|drop|halve|double|forget|cut out|come off|give up)\\b`,
    'i',
  ),
  new RegExp(
    `\\b(?:it(?:['’]s| is)|it would be)\\s+(?:perfectly\\s+|quite\\s+|usually\\s+)?(?:fine|ok|okay|alright|all right|safe|acceptable|better|best|wise|sensible)\\s+(?:for you\\s+)?to\\s+${ACTION}\\b`,
    'i',
  ),
  new RegExp(
    `\\b(?:(?:there(?:['’]s| is)|you have)\\s+no\\s+(?:need|reason|point)|you (?:do not|don['’]t|never) (?:need|have) to|(?:do not|don['’]t|no need to|never)\\s+bother|feel free)\\s+(?:to\\s+|in\\s+)?${ACTION}\\b`,
    'i',
  ),
  /\b(?:do not|don['’]t|no need to|never)\s+bother\b/i,
  // "Make sure you...", anywhere; "Be sure to...", "Try to..." only when addressed to the reader (a
  // sentence's opening): "the surgeon tries to remove all of it" describes.
  /\bmake sure(?: that)? you\b/i,
  /(?:^|[.!?]\s+|^[-*+]\s+|\byou\s+(?:should\s+|must\s+)?)(?:make sure to|be sure to|remember to|try to|try not to)\b/i,
  new RegExp(`\\bit is (?:essential|vital|important|crucial|best|wise) (?:that you|(?:for you\\s+)?(?:not\\s+)?to\\s+${ACTION})\\b`, 'i'),
  // An imperative: a sentence (or the clause after a leading "If...," / "After surgery,") that opens
  // with a medical action addressed to the reader ("Take tamoxifen", "If it hurts, stop the tablets").
  new RegExp(
    `(?:^|[.!?]\\s+|^[-*+]\\s+|^(?:if|when|once|before|after|while|during|until|as soon as)\\b[^,.;]{1,80},\\s*(?:then\\s+)?)(?:(?:just|simply|please|always|also)\\s+)?(?:stop|start|take|avoid|skip|refuse|decline|insist on|demand|double|halve|increase|reduce|lower|cut|choose|switch|delay|postpone|quit|continue|keep|eat|drink|apply|use|get|finish|come off|give up|ignore|change)\\s+(?!(?:in|of|to|from|is|are|was|were|can|could|may|might|will|would|has|have|had|and|or)\\b)[\\w'’-]+`,
    'im',
  ),
]
// Pointing the reader to their care team is the product's call to action, not advice about treatment.
const REFERRAL =
  /^(?:(?:you|patients?|everyone|people)\s+(?:should|must|need to|have to|ought to)|make sure(?: that)? you|make sure to|be sure to|remember to|try to|it is (?:essential|vital|important|crucial|best) (?:that you|to))\s+(?:(?:always|first|also)\s+)?(?:ask|talk|speak|discuss|tell|contact|call|check with|let)\b/i

// An imperative in general form: a sentence (or the clause after a leading "If...,") that opens with
// a verb whose most frequent reading is the base form (wink-lexicon's tags: "stay", "wear", "apply")
// followed by its object or particle ("Stay off work", "Wear loose clothes", "Apply the cream"). A
// word read first as a noun ("Change in bowel habit", "Side effects", "Watch and wait is...") or
// followed by a verb or conjunction is not one. Verbs that send the reader to their care team or to
// information ("Ask", "Talk", "Contact", "Find out", "Read") are the product's call to action.
const OBJECT_OR_PARTICLE = new Set(
  `your the a an any all it them this that these those some plenty more less lots enough extra
  up off out away down regular daily loose gentle warm cool cold hot soft light`.split(/\s+/),
)
const CALL_TO_ACTION = new Set(
  'ask talk speak tell let contact call see discuss find read note learn visit remember think consider look be follow'.split(' '),
)
// The patterns as matchAll needs them (global), built once: matchAll matches with its own copy.
const GLOBAL_DIRECTIVES = DIRECTIVES.map(
  (pattern) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
)
const OPENING =
  /^(?:(?:if|when|once|before|after|while|during|until|as soon as)\b[^,.;]{1,80},\s*)?(?:(?:just|simply|please|always|also|then)\s+)?([a-z]+)\s+([a-z]+)/i

function imperativeOpening(sentence: string): string | null {
  const match = sentence
    .trim()
    .replace(/^[-*+]\s+/, '')
    .match(OPENING)
  if (!match) return null
  const [verb, next] = [match[1]!.toLowerCase(), match[2]!.toLowerCase()]
  if (CALL_TO_ACTION.has(verb)) return null
  // Its object: a determiner or particle, or a noun or adjective ("Put aqueous cream", "Wear loose
  // clothes"); a word the lexicon does not know is most often a medical noun.
  const nextTag = lexicon[next]?.[0]
  if (!OBJECT_OR_PARTICLE.has(next) && nextTag !== undefined && !['NN', 'NNS', 'JJ'].includes(nextTag)) return null
  return lexicon[verb]?.[0] === 'VB' ? `${match[1]} ${match[2]}` : null
}

/** The directive phrase in `text`, or null. */
export function findDirective(text: string): string | null {
  if (/\?\s*$/.test(text)) return null
  for (const pattern of GLOBAL_DIRECTIVES) {
    for (const match of text.matchAll(pattern)) {
      const phrase = match[0]
        .replace(/^[.!?:;,\s*+-]+/, '')
        .replace(/^(?:if|when|once|before|after|while|during|until|as soon as)\b[^,.;]*,\s*(?:then\s+)?/i, '')
      const at = match.index + match[0].indexOf(phrase)
      if (REFERRAL.test(text.slice(at))) continue
      return phrase.replace(/^(?:and|but|so|then|please|just|also)\s+/i, '').trim()
    }
  }
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const opening = imperativeOpening(sentence)
    if (opening) return opening
  }
  return null
}

const ABSOLUTE =
  /\b(?:always|never|guarantee[sd]?|guaranteed|100\s?%|definitely|certainly|completely safe|totally safe|no risk|risk-free|without (?:any )?risk|no side effects|(?:in|for|with) every (?:patient|person|case)|(?:every|each) (?:patient|person) will|impossible|100 percent|proven to cure|(?:completely|totally|entirely|fully) (?:eliminat|eradicat|prevent|cur|protect|stop)\w*|zero risk|no chance of|(?:from|not|n['’]t|never) ever|(?:certain|sure|bound) to|without fail|every time|fully effective|100% effective)\b/i
const GLOBAL_ABSOLUTE = new RegExp(ABSOLUTE.source, 'gi')
// Certainty carried by a verb: an outcome stated as a fact ("surgery cures it", "eliminates tumours",
// "ensures it does not come back", "will not come back"). A hedge before it in its clause ("can
// cure", "most men are cured", "aims to eliminate", "is likely to come back") makes it a statement
// of what is usual or intended.
const CERTAIN_OUTCOME =
  /\b(?:cures|cured|eliminat(?:es|ed)|eradicat(?:es|ed)|ensur(?:es|ed)|prevents|will (?:not |never )?(?:cure|eliminate|eradicate|prevent|ensure|stop|remove|come back|return|recur|spread|grow back|work|succeed|disappear|go away)|won['’]t (?:come back|return|recur|spread|grow back|work)|(?:cannot|can['’]t|can not) (?:come back|return|recur|spread|grow back)|makes (?:sure|certain)|made (?:sure|certain))\b/gi
// "Not always", "almost never": a negated or softened absolute is a hedge.
const NEGATED_ABSOLUTE = /\b(?:not|n['’]t|almost|nearly|hardly|rarely)\s+$/i
// Words in the same clause before an outcome verb that make it less than certain: modals, chance,
// intent, frequency and quantifiers ("most men are cured", "can cure", "aims to eliminate").
const HEDGE =
  /\d|\b(?:in (?:two|three|four|five|six|seven|eight|nine|ten|a hundred)|out of|about|around|approximately|nearly|almost|can|cannot|not|rarely|unlikely|likely|probably|seldom|may|might|could|would|chance|chances|hope|hoped|aim|aims|aimed|goal|intent|intention|intended|possible|possibly|possibility|offer|offers|some|most|many|often|usually|generally|frequently|sometimes|majority|percent|help|helps|try|tries|to|if|whether|unless|when|less|fewer)\b[^,;:.]*$/i
const AFTER_HEDGE = /^\s*(?:(?:in|for)\s+(?:most|many|some)\b|most|many|some|about|around|up to|the majority|a (?:lot|number) of|\d)/i

// Certainty carried by a consequence: "strengthens the bones so fractures do not happen", "which
// means it cannot come back". A hedge inside the consequence ("so it usually does not...") softens it.
const CERTAIN_CONSEQUENCE =
  /\b(?:so(?: that)?|which means|meaning|this means)\b([^,.;:]{0,50}?)\b(?:do|does|did|will|can|could)\s*(?:not|n['’]t)\s+(?:happen|occur|come back|return|recur|spread|grow(?: back)?)\b/i

/** The absolute phrase in `text`, or null. */
export function findAbsolute(text: string): string | null {
  for (const match of text.matchAll(GLOBAL_ABSOLUTE)) {
    if (NEGATED_ABSOLUTE.test(text.slice(0, match.index))) continue
    return match[0]
  }
  const consequence = text.match(CERTAIN_CONSEQUENCE)
  if (consequence && !HEDGE.test(consequence[1]!) && !NEGATED_ABSOLUTE.test(text.slice(0, consequence.index))) {
    return consequence[0].replace(/^(?:so(?: that)?|which means|meaning|this means)\s+/i, '')
  }
  for (const match of text.matchAll(CERTAIN_OUTCOME)) {
    const before = text.slice(0, match.index)
    const clause = before.slice(
      Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('.'), before.lastIndexOf(':')) + 1,
    )
    if (HEDGE.test(clause)) continue
    if (AFTER_HEDGE.test(text.slice(match.index + match[0].length))) continue
    return match[0]
  }
  return null
}
