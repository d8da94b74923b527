import React from 'react'

import { sanitizeRichTextHtml } from '@/lib/richTextPolicy'

export type AnswerContentProps = {
  summary: string
  /** Made by lexicalToHtml (sanitized); sanitized again here, as it may come from a record stored before the sanitizer. */
  bodyHtml: string
  questionsToAsk: { question: string; why: string }[]
  keyTakeaway: string
  /** The direct answer's reference numbers, linked to the page's reference list (`#ref-N`). */
  summaryReferences?: number[]
}

/** A reference number as the body's HTML shows it (src/lib/richText.ts), so both read alike. */
export function CiteNumber({ n }: { n: number }) {
  return (
    <sup className="cite">
      <a href={`#ref-${n}`} aria-label={`Reference ${n}`}>
        {`[${n}]`}
      </a>
    </sup>
  )
}

/**
 * The part of an answer a patient reads, from the short answer to the key takeaway: the public page
 * and the review screen render it with this one component, so reviewers see what patients will.
 */
export function AnswerContent({ answer, headingLevel = 2 }: { answer: AnswerContentProps; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const
  return (
    <>
      <p>
        <strong>{answer.summary}</strong>
        {(answer.summaryReferences ?? []).map((n) => (
          <CiteNumber key={n} n={n} />
        ))}
      </p>
      <div dangerouslySetInnerHTML={{ __html: sanitizeRichTextHtml(answer.bodyHtml) }} />
      <section aria-labelledby="ask">
        <Heading id="ask">Questions to ask your oncology team</Heading>
        <ol>
          {answer.questionsToAsk.map((item) => (
            <li key={item.question}>
              {item.question} <small>{item.why}</small>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="takeaway">
        <Heading id="takeaway">Key takeaway</Heading>
        <p>{answer.keyTakeaway}</p>
      </section>
    </>
  )
}
