import type { RecordedRequest } from './fakeAnthropic'

/** The passage keys a draft request offered for citation, and each passage's text from the library. */
export function offeredPassages(request: RecordedRequest): { key: string; text: string }[] {
  const user = JSON.stringify(request.body.messages[0].content)
  const keys = [...user.matchAll(/<passage_key>([^<]+)<\/passage_key>/g)].map((match) => match[1]!)
  const library: string = request.body.system[1].text
  return keys.map((key) => {
    const match = library.match(
      new RegExp(`<passage key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>\\n([\\s\\S]*?)\\n</passage>`),
    )
    return { key, text: (match?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') }
  })
}

/** A draft a careful model could return: valid, citing only what was offered, quoting it exactly. */
export function validDraft(request: RecordedRequest, overrides: Record<string, unknown> = {}) {
  const passages = offeredPassages(request)
  if (passages.length === 0) throw new Error('The request offered no passages')
  const cite = (index: number) => {
    const passage = passages[index % passages.length]!
    return { passageKey: passage.key, quote: passage.text.split(/(?<=\.)\s/)[0]!.slice(0, 200) }
  }
  return {
    title: 'Can surgery help when this cancer has spread?',
    directAnswer:
      'For most people, surgery is not the usual first treatment when the cancer has spread. Medicine that works through the whole body is used instead.',
    directAnswerCitations: [cite(0)],
    sections: [
      {
        heading: 'Why surgery is not usually the first step',
        markdown:
          '- Removing the main tumor does not reach cancer in other organs. [1]\n- It has not been shown to help people live longer. [1]',
        citations: [cite(0)],
      },
      {
        heading: 'What the usual treatment is instead',
        markdown: '- Chemotherapy is the main treatment. [1]\n- Care to ease symptoms is part of treatment from the start. [1]',
        citations: [cite(1)],
      },
      {
        heading: 'Rare exceptions',
        markdown: '- Some people take part in clinical trials. [1]\n- A small procedure can relieve a blockage. [1]',
        citations: [cite(2)],
      },
    ],
    questionsToAsk: [
      { question: 'What is the goal of my treatment?', why: 'It helps you weigh your choices.' },
      { question: 'Is a clinical trial right for me?', why: 'Trials may offer newer options.' },
      { question: 'How will you manage my symptoms?', why: 'Comfort is part of care.' },
      { question: 'What tests should I have?', why: 'Some results open other options.' },
      { question: 'Who can I call with questions?', why: 'Knowing who to ask saves time.' },
    ],
    keyTakeaway: 'When this cancer has spread, treatment through the whole body is the usual first choice rather than surgery.',
    ...overrides,
  }
}
