import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { extractiveDraft } from '@/lib/drafting/extractiveDrafter'
import { rankPassages, type Passage } from '@/lib/retrieval/passages'
import { guidelineSources } from '@seed/data/guidelineSources'
import {
  checkGrounding,
  groundingInputFromDraft,
  checkSupport,
  checkTopic,
  contentTerms,
  term,
  extractNumbers,
  figuresNotIn,
  findAbsolute,
  findDirective,
  quoteOccursIn,
  splitClaims,
  type GroundingInput,
} from '@/lib/grounding'

const root = path.resolve(import.meta.dirname, '../..')

describe('quoteOccursIn', () => {
  const passage = 'Surgery is generally “not recommended” when the cancer has spread — for example, to the liver.'
  it('accepts the passage’s own words whatever the case, spacing, quote marks and dashes', () => {
    expect(quoteOccursIn('Surgery is generally "not recommended"', passage)).toEqual({ ok: true })
    expect(quoteOccursIn('SURGERY  is\u00a0generally', passage)).toEqual({ ok: true })
    expect(quoteOccursIn('has spread - for example', passage)).toEqual({ ok: true })
    expect(quoteOccursIn('“not recommended” when the cancer…', passage)).toEqual({ ok: true })
    expect(quoteOccursIn('Surgery is generally "not recommended".', passage)).toEqual({ ok: true })
  })
  it('refuses a changed word, a paraphrase and an empty quote, saying where it stops matching', () => {
    expect(quoteOccursIn('Surgery is never recommended', passage)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not occur in the passage.*matches up to "surgery is" and differs from "never"/),
    })
    expect(quoteOccursIn('Operations are not advised', passage).ok).toBe(false)
    expect(quoteOccursIn(' … ', passage)).toEqual({ ok: false, reason: 'the quote is empty' })
  })
  it('refuses a quote too short to show where the claim comes from: one word, or under 8 characters', () => {
    for (const quote of ['"a"', 'Surgery', '"generally"', 'is the', '…to the…'])
      expect(quoteOccursIn(quote, passage), quote).toMatchObject({
        ok: false,
        tooShort: true,
        reason: expect.stringContaining('is too short'),
      })
    expect(quoteOccursIn('"to the liver."', passage)).toEqual({ ok: true })
    expect(quoteOccursIn('has spread', passage)).toEqual({ ok: true })
  })
})

describe('splitClaims', () => {
  it('splits sentences and list items, keeping abbreviations, titles and decimals whole', () => {
    const markdown = [
      '## Heading is not a claim',
      '',
      'Some drugs, e.g. gemcitabine, are given weekly. Dr. Lee says a dose of 2.5 mg is usual! Is it safe?',
      '',
      '- First **bullet** item',
      '* Second item. It has two sentences.',
      '1. A numbered item with [a link](https://example.org).',
      '2) Another numbered item',
    ].join('\n')
    expect(splitClaims(markdown)).toEqual([
      'Some drugs, e.g. gemcitabine, are given weekly.',
      'Dr. Lee says a dose of 2.5 mg is usual!',
      'Is it safe?',
      'First bullet item',
      'Second item.',
      'It has two sentences.',
      'A numbered item with a link.',
      'Another numbered item',
    ])
  })
  it('keeps a list numbered inside a paragraph with the sentences it numbers', () => {
    expect(splitClaims('Treatment goes in steps. 1. Chemotherapy comes first. 2. Surgery may follow. B. Then rest.')).toEqual([
      'Treatment goes in steps.',
      '1. Chemotherapy comes first.',
      '2. Surgery may follow.',
      'B. Then rest.',
    ])
    expect(splitClaims('The dose was 2. Then it rose.')).toEqual(['The dose was 2.', 'Then it rose.'])
  })
})

describe('numbers', () => {
  const missing = (claim: string, passage: string) => figuresNotIn(claim, [passage]).map((figure) => figure.text)
  it('reads percentages, proportions in words, durations, doses and ranges', () => {
    expect(extractNumbers('The 5-year survival is about 3%.').map(({ kind, value, unit }) => [kind, value, unit])).toEqual([
      ['count', 5, 'year'],
      ['proportion', 0.03, null],
    ])
    expect(extractNumbers('One in four people')[0]).toMatchObject({ kind: 'proportion', value: 0.25 })
    expect(extractNumbers('two-thirds of patients')[0]!.value).toBeCloseTo(2 / 3)
    expect(extractNumbers('3 to 6 months').map((figure) => [figure.value, figure.unit])).toEqual([
      [3, 'month'],
      [6, 'month'],
    ])
  })
  it('matches the same figure in other words', () => {
    expect(missing('Five-year survival is 3 percent.', 'The 5-year survival is about 3%.')).toEqual([])
    expect(missing('About one in four people', 'approximately 25% of patients')).toEqual([])
    expect(missing('two-thirds of people', 'about 67% of people')).toEqual([])
    expect(missing('ten per cent', '10%')).toEqual([])
    expect(missing('stage IV cancer', 'stage 4 cancer')).toEqual([])
    expect(missing('for twelve weeks', 'for 12 weeks')).toEqual([])
    expect(missing('One option is surgery.', 'Surgery is an option.')).toEqual([])
  })
  it('always flags a figure the passage does not state', () => {
    expect(missing('5-year survival of 4%', 'The 5-year survival is 3%.')).toEqual(['4%'])
    expect(missing('a dose of 2.5 g', 'a dose of 2.5 mg')).toEqual(['2.5 g'])
    expect(missing('for 3 to 6 months', 'for 3 months')).toEqual(['6 months'])
    expect(missing('one in three people', 'one in four people')).toEqual(['one in three'])
    expect(missing('survival of 3%', 'No figures here.')).toEqual(['3%'])
  })
})

describe('checkSupport', () => {
  const passage = 'Surgery to remove the main tumor is generally not recommended when pancreatic cancer has spread to the liver.'
  it('supported: a faithful paraphrase (synonyms and stems)', () => {
    expect(
      checkSupport('An operation to remove the tumour is not usually recommended once pancreatic cancer has spread.', [passage]).verdict,
    ).toBe('supported')
  })
  it('unsupported: a claim the passage says nothing about, or the opposite of what it says', () => {
    expect(checkSupport('A diet low in sugar starves cancer cells.', [passage])).toMatchObject({ verdict: 'unsupported' })
    expect(checkSupport('Surgery to remove the main tumor is recommended when pancreatic cancer has spread.', [passage])).toMatchObject({
      verdict: 'unsupported',
      reason: expect.stringMatching(/negation/),
    })
  })
  it('partial: the words match but a figure is not in the passage', () => {
    expect(
      checkSupport('Surgery to remove the tumor is not recommended in 90% of people when pancreatic cancer has spread.', [passage]),
    ).toMatchObject({
      verdict: 'partial',
      missingFigures: [expect.objectContaining({ text: '90%' })],
    })
  })
})

describe('wording rules (one definition, shared with checkAnswer)', () => {
  it('finds directive wording, but not a pointer to the care team', () => {
    expect(findDirective('You should stop taking blood thinners.')).toBe('You should')
    expect(findDirective('Take tamoxifen every morning.')).toBe('Take tamoxifen')
    expect(findDirective("Don't skip a dose.")).toBe("Don't skip")
    expect(findDirective('You should ask your team whether a trial fits.')).toBeNull()
    expect(findDirective('Chemotherapy is usually given first.')).toBeNull()
  })
  it('finds absolute wording, but not a hedged statement about cure', () => {
    expect(findAbsolute('A stent always works.')).toBe('always')
    expect(findAbsolute('Results are guaranteed.')).toBe('guaranteed')
    expect(findAbsolute('It has no side effects.')).toBe('no side effects')
    expect(findAbsolute('Surgery can offer a chance of cure in some people.')).toBeNull()
    expect(findAbsolute('This drug cures the cancer.')).toBe('cures')
    expect(findAbsolute('Chemotherapy cannot cure this cancer.')).toBeNull()
    expect(findAbsolute("Every person's situation is different.")).toBeNull()
    expect(findAbsolute('It works in every patient.')).toBe('in every patient')
  })
})

describe('checkTopic', () => {
  const question = 'Can chemotherapy before surgery make a pancreatic tumor removable?'
  it("flags the issue's example: a draft about surgery for metastatic disease", () => {
    expect(
      checkTopic(question, {
        directAnswer: 'For most people, surgery is not recommended once pancreatic cancer has spread to the liver or lungs.',
        claims: [],
        headings: ['Why surgery is not usually done', 'Easing symptoms'],
      }),
    ).toEqual({ onTopic: false, reason: expect.stringMatching(/asks about chemotherapy/) })
  })
  it('accepts an answer to the question in other words', () => {
    expect(
      checkTopic(question, {
        directAnswer: 'Sometimes. Chemo given first can shrink a borderline tumour enough for an operation to remove it.',
        claims: [],
        headings: ['How treatment before an operation works'],
      }),
    ).toEqual({ onTopic: true })
  })
  it('does not ask the answer to repeat how the question is phrased', () => {
    expect(
      checkTopic('How long does recovery take after a Whipple procedure?', {
        directAnswer: 'Most people stay in hospital for about a week after a Whipple operation and need a few months to feel well.',
        claims: [],
        headings: ['The first weeks at home'],
      }),
    ).toEqual({ onTopic: true })
  })
  it('flags an answer about another cancer type', () => {
    expect(
      checkTopic('What is active surveillance for bladder cancer?', {
        directAnswer: 'Active surveillance is used for low-risk prostate cancer.',
        claims: [],
        headings: [],
      }),
    ).toMatchObject({
      onTopic: false,
      reason: expect.stringMatching(/bladder cancer, but the answer is about prostate/),
    })
  })
})

// Root causes found by an independent blind set (bench/grounding/blind1/): each test fails on the
// first version of the checks.
describe('blind-set root causes', () => {
  const topic = (question: string, directAnswer: string, claims: string[], headings: string[] = []) =>
    checkTopic(question, { directAnswer, claims, headings })

  it('terms: irregular forms meet their base form (lemmatiser), not only regular suffixes', () => {
    expect(term('kept')).toBe(term('keep'))
    expect(term('taken')).toBe(term('take'))
    expect(term('grown')).toBe(term('grow'))
    expect(term('children')).toBe(term('child'))
    expect([...contentTerms('The bladder can be kept.')]).toContain(term('keep'))
  })

  it('off topic reads the whole answer: "Not always." or a pronoun in the direct answer is not off topic', () => {
    expect(
      topic(
        'Do I need my whole thyroid taken out for papillary thyroid cancer?',
        'Not always.',
        [
          'For a low-risk papillary cancer, removing one lobe of the thyroid is a reasonable alternative.',
          'Removing the whole gland is advised when the cancer is larger.',
        ],
        ['When one lobe is enough'],
      ),
    ).toEqual({ onTopic: true })
    expect(
      topic(
        'How can I prepare for radiotherapy to my throat?',
        'It helps to see a dentist and a swallowing therapist before it starts.',
        ['Radiotherapy to the throat can damage the teeth.', 'Swallowing exercises during radiotherapy help.'],
        ['Teeth', 'Swallowing'],
      ),
    ).toEqual({ onTopic: true })
  })

  it('an HPV test is screening; "locally advanced" is not metastatic disease', () => {
    expect(
      topic('How often should I have cervical screening?', 'From 25 to 65, an HPV test every 5 years is recommended.', [
        'An HPV test looks for the virus that causes most cervical cancers.',
      ]),
    ).toEqual({ onTopic: true })
    expect(
      topic('How is locally advanced cervical cancer treated?', 'The standard treatment is radiotherapy with weekly cisplatin.', [
        'Internal radiotherapy follows.',
      ]),
    ).toEqual({ onTopic: true })
  })

  it('a cancer type needs a cancer name: "heart and lung problems" is not lung cancer', () => {
    expect(
      topic(
        'What should I know about life after treatment for Hodgkin lymphoma?',
        'Late effects of lymphoma treatment can appear years later.',
        ['They include heart and lung problems and second cancers.', 'Long-term follow-up is advised after treatment.'],
      ),
    ).toEqual({ onTopic: true })
    expect(
      topic('What is active surveillance for bladder cancer?', 'Active surveillance is used for low-risk prostate cancer.', [
        'It means regular PSA tests for prostate cancer that grows slowly.',
      ]),
    ).toMatchObject({ onTopic: false })
  })

  it('off topic: a comparison never made is no answer; a subject named once, or in a phrase, is (precision first)', () => {
    expect(
      topic('What is the difference between Hodgkin and non-Hodgkin lymphoma?', 'Hodgkin lymphoma is usually treated with ABVD.', [
        'Late effects of Hodgkin lymphoma treatment can appear years later.',
      ]),
    ).toMatchObject({ onTopic: false })
    expect(
      topic('What are the side effects of chemotherapy for breast cancer?', 'Common effects include tiredness and hair loss.', [
        'Chemotherapy can lower blood counts, which raises the risk of infection.',
        'Most side effects go away after treatment ends.',
      ]),
    ).toEqual({ onTopic: true })
    // "comes back" is the recurrence group's phrase: neither "come" nor "back" is left as a word to find.
    expect(
      topic('What is the chance my prostate cancer comes back after surgery?', 'It depends on the stage and grade.', [
        'After surgery, PSA tests are used to check whether the cancer has returned.',
      ]),
    ).toEqual({ onTopic: true })
  })

  it('absolute: a negated absolute is a hedge; "completely eliminates" and "will prevent" are absolute', () => {
    expect(findAbsolute('Not always. Removing one lobe can be enough.')).toBeNull()
    expect(findAbsolute('This almost never happens.')).toBeNull()
    expect(findAbsolute('Therapy completely eliminates the need for a feeding tube.')).toBe('completely eliminates')
    expect(findAbsolute('Bone-strengthening drugs will prevent fractures.')).toBe('will prevent')
  })

  it('directive: permission to skip a medicine and "don\'t bother" are advice', () => {
    expect(findDirective('If you feel well, you can skip your levothyroxine on days before a blood test.')).toBe('you can skip')
    expect(findDirective("Don't bother getting the HPV vaccine if you are already sexually active.")).toBe("Don't bother")
    expect(findDirective('You can ask your team about the HPV vaccine.')).toBeNull()
  })

  it('unsupported: a claim about everyone where the passage speaks of some people', () => {
    const passage =
      'After surgery for clear cell kidney cancer with a higher risk of coming back, a year of pembrolizumab can be offered to lower the risk of recurrence.'
    expect(
      checkSupport('Pembrolizumab is given for a year after surgery to everyone who has had a kidney removed.', [passage]),
    ).toMatchObject({ verdict: 'unsupported', reason: expect.stringMatching(/everyone/) })
    expect(checkSupport('Not everyone needs pembrolizumab after surgery for kidney cancer.', [passage]).reason).not.toMatch(/everyone/)
  })

  it('unsupported: a treatment the cited passage never names; a gloss in brackets is not a claim', () => {
    expect(
      checkSupport('The standard treatment is a radical hysterectomy, with chemotherapy only if the cancer comes back.', [
        'For locally advanced cervical cancer, the standard treatment is external radiotherapy combined with weekly cisplatin chemotherapy.',
      ]),
    ).toMatchObject({ verdict: 'unsupported', reason: expect.stringMatching(/hysterectomy/) })
    expect(
      checkSupport('For early breast cancer, breast-conserving surgery (lumpectomy) followed by radiation works as well as mastectomy.', [
        'For many women with early-stage breast cancer, breast-conserving surgery followed by radiation therapy works as well as mastectomy in terms of survival.',
      ]).verdict,
    ).toBe('supported')
  })

  it("negation: 'no' reaches only its noun phrase, so a claim keeping the passage's negation is no flip; a moved negation is", () => {
    const passage = 'Very small papillary cancers under 1 cm with no worrying features can sometimes be watched with an ultrasound.'
    expect(
      checkSupport('For some cancers under 1 cm with no worrying features, doctors may suggest watching the cancer with an ultrasound.', [
        passage,
      ]).reason,
    ).not.toMatch(/negation/)
    expect(
      checkSupport('Chemotherapy rather than surgery is the usual first treatment when the cancer has spread.', [
        'When the cancer has spread, chemotherapy is used instead of surgery as the usual first treatment.',
      ]).verdict,
    ).toBe('supported')
    expect(
      checkSupport('Surgery is recommended when the cancer has not spread.', [
        'Surgery is not recommended when pancreatic cancer has spread.',
      ]),
    ).toMatchObject({ verdict: 'unsupported', reason: expect.stringMatching(/negation/) })
  })
})

describe("the issue's real example: the offline drafter on the seed's pancreatic library", () => {
  const library: Passage[] = guidelineSources
    .filter((source) => source.cancerTypes.includes('pancreatic'))
    .flatMap((source, index) =>
      source.passages.map((passage) => ({
        key: `${index}:${passage.passageId}`,
        sourceId: String(index),
        passageId: passage.passageId,
        heading: passage.heading ?? '',
        text: passage.text,
        publisher: source.publisher,
        sourceTitle: source.title,
        version: source.version,
      })),
    )
  const texts = Object.fromEntries(library.map((passage) => [passage.key, passage.text]))
  const flagsFor = (question: string) => {
    const draft = extractiveDraft({
      questionText: question,
      cancerTypeName: 'Pancreatic cancer',
      retrieved: rankPassages(question, library, 5),
    })
    return checkGrounding(groundingInputFromDraft(question, draft, texts)).flags
  }

  it('a draft about surgery for metastatic disease, for a question about chemotherapy before surgery, is flagged off topic', () => {
    expect(flagsFor('Can chemotherapy before surgery make a pancreatic tumor removable?')[0]).toMatchObject({
      code: 'off_topic',
      severity: 'high',
      message: expect.stringMatching(/before surgery/),
    })
  })
  it('the same library answering the question it does answer: no error flag, every quote exact', () => {
    const errors = flagsFor('Is surgery an option for metastatic pancreatic cancer?').filter((flag) => flag.severity !== 'low')
    expect(errors).toEqual([])
  })
})

describe('checkGrounding', () => {
  const passages = {
    'p:stent': 'A stent placed in the bile duct can relieve jaundice caused by a blocked duct.',
    'p:surgery': 'Surgery to remove the main tumor is generally not recommended when pancreatic cancer has spread to the liver.',
  }
  const base: GroundingInput = {
    question: 'Is surgery an option when pancreatic cancer has spread?',
    directAnswer: {
      heading: 'Direct answer',
      claims: [
        {
          text: 'Surgery is generally not recommended once pancreatic cancer has spread.',
          citations: [{ passageKey: 'p:surgery', quote: 'generally not recommended' }],
        },
      ],
    },
    sections: [
      {
        heading: 'Easing a blocked bile duct',
        markdown: '- A stent in the bile duct can relieve jaundice from a blocked duct.',
        citations: [{ passageKey: 'p:stent', quote: 'A stent placed in the bile duct' }],
      },
    ],
    passages,
  }

  it('a clean, cited answer has no flags and a support result per claim', () => {
    const report = checkGrounding(base)
    expect(report.flags).toEqual([])
    expect(report.claims.map((claim) => claim.support?.verdict)).toEqual(['supported', 'supported'])
  })

  it("the issue's human edit is flagged whoever wrote it: absolute, directive and uncited claims, most severe first", () => {
    const edited = structuredClone(base)
    edited.sections[0]!.claims = [
      { text: 'A stent in the bile duct can relieve jaundice from a blocked duct.', citations: [{ passageKey: 'p:stent' }] },
      { text: 'A stent always works and relief is guaranteed.', citations: [] },
      { text: 'You should stop taking blood thinners.', citations: [] },
    ]
    const { flags } = checkGrounding(edited)
    expect(flags.map((flag) => [flag.severity, flag.code])).toEqual([
      ['high', 'directive_wording'],
      ['medium', 'uncited_claim'],
      ['medium', 'absolute_wording'],
      ['medium', 'uncited_claim'],
    ])
    expect(flags[0]).toMatchObject({ where: 'section "Easing a blocked bile duct"', claim: 'You should stop taking blood thinners.' })
  })

  it('flags an invented quote, an unknown passage, a figure not in the source and an unsupported claim', () => {
    const report = checkGrounding({
      ...base,
      directAnswer: {
        heading: 'Direct answer',
        claims: [
          {
            text: 'Only 3% of people live 5 years after surgery when pancreatic cancer has spread to the liver.',
            citations: [{ passageKey: 'p:surgery', quote: 'surgery is never useful' }],
          },
          { text: 'Vitamin C injections shrink tumors quickly.', citations: [{ passageKey: 'p:stent' }, { passageKey: 'p:missing' }] },
        ],
      },
    })
    expect(new Set(report.flags.map((flag) => flag.code).filter((code) => code !== 'reading_grade'))).toEqual(
      new Set(['quote_not_in_passage', 'unknown_passage', 'number_not_in_source', 'unsupported_claim']),
    )
    expect(report.flags.find((flag) => flag.code === 'number_not_in_source')!.message).toMatch(/"3%", "5 years"/)
  })

  it('grades the reading level of each section (target 6 to 8)', () => {
    const hard = structuredClone(base)
    hard.sections[0]!.markdown =
      'Endoscopic biliary decompression utilizing self-expanding metallic endoprostheses constitutes the preferred palliative intervention for malignant distal biliary obstruction, substantially ameliorating cholestatic pruritus and hyperbilirubinemia. Percutaneous transhepatic approaches are reserved for anatomically inaccessible obstructions.'
    const grades = checkGrounding(hard).flags.filter((flag) => flag.code === 'reading_grade')
    expect(grades).toEqual([expect.objectContaining({ severity: 'low', where: 'section "Easing a blocked bile duct"' })])
  })
})

describe('npm run eval:grounding', () => {
  it('meets the goal on every gated labelled set: recall >= 95% per error type, false flags <= 10% (each split)', () => {
    const run = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'bench/evalGrounding.ts', '--json'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.ok).toBe(true)
    // The original set (dev and held-out), the independent blind set moved in as a dev set, and the
    // wider dev2 set (at least 12 clean drafts and 25 with a seeded error).
    expect(Object.keys(result.sets)).toEqual(expect.arrayContaining(['original', 'blind1', 'dev2']))
    expect(result.sets.dev2.clean).toBeGreaterThanOrEqual(12)
    expect(result.sets.dev2.drafts - result.sets.dev2.clean).toBeGreaterThanOrEqual(25)
    expect(result.sets.original.drafts).toBeGreaterThanOrEqual(40)
    expect(result.sets.original.clean).toBeGreaterThanOrEqual(10)
    expect(Object.keys(result.sets.original.splits)).toEqual(['development', 'held-out'])
    // Every set is gated: blind1's last miss is detected by a general rule (its set.json says so).
    expect(result.sets.original.gated).toBe(true)
    expect(result.sets.blind1.gated).toBe(true)
    expect(result.sets.dev2.gated).toBe(true)
    expect(Object.keys(result.sets.blind1.splits)).toEqual(['development'])
    for (const [name, set] of Object.entries<{
      gated: boolean
      splits: Record<string, { rows: { type: string; drafts: number; recall: number }[]; falseFlagRate: number }>
    }>(result.sets)) {
      if (!set.gated) continue
      for (const split of Object.values(set.splits)) {
        expect(split.rows, name).toHaveLength(7)
        for (const row of split.rows) {
          expect(row.drafts, `${name} ${row.type}`).toBeGreaterThan(0)
          expect(row.recall, `${name} ${row.type}`).toBeGreaterThanOrEqual(0.95)
        }
        expect(split.falseFlagRate, name).toBeLessThanOrEqual(0.1)
      }
    }
  })
})
