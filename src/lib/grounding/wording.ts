/**
 * Wording a patient page must not use: directive wording (telling the reader what to do with their
 * own treatment is advice, not information) and absolute wording (guidelines describe what is usual,
 * not what is certain). The one definition of both rules: the drafter's safety warnings
 * (src/lib/safety/checkAnswer.ts) and the grounding checks use these functions.
 */

// "You should ...", "patients must ...", and imperatives about medicines or treatment.
const DIRECTIVE =
  /\b(?:you|patients?|everyone|people)\s+(?:should|must|need to|have to|ought to|shouldn['’]t|should not|must not|mustn['’]t)\b|\b(?:stop|start|quit|keep|avoid)\s+taking\b|\b(?:do not|don['’]t|never)\s+(?:take|skip|stop|start|use|have|get|agree to|refuse|delay)\b|\b(?:you|patients?|people)\s+(?:can|could|may)\s+(?:safely\s+|just\s+|simply\s+)?(?:skip|stop(?! worrying)|ignore|miss|drop|halve|double|forget|cut out)\b|\b(?:do not|don['’]t|no need to|never)\s+bother\b|\bit is (?:essential|vital|important|crucial) (?:that you|to (?:stop|start|take|avoid|refuse))\b|(?:^|[.!?]\s+|^[-*+]\s+)(?:stop|start|take|avoid|skip|refuse|decline|insist on|demand|double|increase|reduce|lower|cut|choose|switch|delay|postpone|quit|continue|eat|drink|apply)\s+[\w-]+/im
// Pointing the reader to their care team is the product's call to action, not advice about treatment.
const REFERRAL =
  /^(?:you|patients?|everyone|people)\s+(?:should|must|need to|have to|ought to)\s+(?:(?:always|first|also)\s+)?(?:ask|talk|speak|discuss|tell|contact|call|check with|see)\b/i

const ABSOLUTE =
  /\b(?:always|never|cures?|cured|guarantee[sd]?|guaranteed|100\s?%|definitely|certainly|completely safe|totally safe|no risk|risk-free|without (?:any )?risk|no side effects|(?:in|for|with) every (?:patient|person|case)|(?:every|each) (?:patient|person) will|impossible|100 percent|proven to cure|will (?:cure|eliminate|eradicate|prevent)|(?:completely|totally|entirely|fully) (?:eliminat|eradicat|prevent|cur|protect|stop)\w*|zero risk|no chance of)\b/i
// "Not always", "almost never": a negated or softened absolute is a hedge.
const NEGATED_ABSOLUTE = /\b(?:not|n['’]t|almost|nearly|hardly|rarely)\s+$/i
// "can cure", "a chance of cure", "aims to cure": a hedged statement about cure is not absolute.
const HEDGED_CURE =
  /\b(?:can|cannot|not|rarely|unlikely|seldom|may|might|could|chance|chances|hope|aim|aims|goal|intent|intention|possible|possibility|offer|offers|some)\b(?:\s+\w+){0,3}\s*$/i

/** The directive phrase in `text`, or null. */
export function findDirective(text: string): string | null {
  for (const match of text.matchAll(new RegExp(DIRECTIVE.source, 'gim'))) {
    const phrase = match[0].replace(/^[.!?\s*+-]+/, '')
    if (REFERRAL.test(text.slice(match.index + match[0].indexOf(phrase)))) continue
    return phrase.trim()
  }
  return null
}

/** The absolute phrase in `text`, or null. */
export function findAbsolute(text: string): string | null {
  for (const match of text.matchAll(new RegExp(ABSOLUTE.source, 'gi'))) {
    if (/^cure[sd]?$/i.test(match[0]) && HEDGED_CURE.test(text.slice(0, match.index))) continue
    if (NEGATED_ABSOLUTE.test(text.slice(0, match.index))) continue
    return match[0]
  }
  return null
}
