import React from 'react'

import type { PublicAnswer } from '@/lib/public/publicAnswer'

/**
 * The end of an answer's public page: its numbered references, one per cited passage and numbered as
 * the superscripts in the text link to them (`#ref-N`), as NCI's PDQ patient pages list them. An
 * answer published before claim-level references has none until it is published again: it shows
 * the guidelines it was written from, as it did.
 */
export function AnswerReferences({
  answer,
  headingLevel = 2,
}: {
  answer: Pick<PublicAnswer, 'references' | 'sources'>
  headingLevel?: 2 | 3 | 4
}) {
  const Heading = `h${headingLevel}` as const
  if (answer.references.length === 0) {
    return (
      <section aria-labelledby="sources">
        <Heading id="sources">Sources</Heading>
        <ol>
          {answer.sources.map((source) => (
            <li key={source.url + source.version}>
              {source.publisher}: <a href={source.url}>{source.title}</a>, {source.version}
            </li>
          ))}
        </ol>
      </section>
    )
  }
  return (
    <section aria-labelledby="references">
      <Heading id="references">References</Heading>
      <ol className="references">
        {answer.references.map((reference) => (
          <li key={reference.n} id={`ref-${reference.n}`} value={reference.n}>
            {reference.publisher}: <a href={reference.url}>{reference.title}</a>, {reference.version}
            {reference.passageHeading ? <span className="passage">{`Section: ${reference.passageHeading}`}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
