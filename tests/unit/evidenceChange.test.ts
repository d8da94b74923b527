import { describe, expect, it } from 'vitest'

import { changedPassages } from '@/lib/evidence/recordEvidenceChange'
import { answerTransition } from '@/lib/workflow/states'

const source = {
  status: 'current' as const,
  version: 'Version 1.2026',
  passages: [
    { passageId: 'a', heading: 'A', text: 'Text of a.' },
    { passageId: 'b', heading: 'B', text: 'Text of b.' },
  ],
}

describe('changedPassages: what a source save changed as evidence', () => {
  it('an edit lists only the passages whose text changed, with old and new text and version', () => {
    const after = { ...source, version: 'Version 2.2026', passages: [source.passages[0], { ...source.passages[1], text: 'New b.' }] }
    expect(changedPassages(source, after, null)).toEqual({
      kind: 'edited',
      passages: [
        {
          passageId: 'b',
          heading: 'B',
          oldText: 'Text of b.',
          newText: 'New b.',
          oldVersion: 'Version 1.2026',
          newVersion: 'Version 2.2026',
        },
      ],
    })
  })

  it('a new version or heading with the same text, an added or a removed passage change no evidence', () => {
    const after = {
      ...source,
      version: 'Version 2.2026',
      passages: [
        { ...source.passages[0], heading: 'Renamed heading' },
        { passageId: 'c', heading: 'C', text: 'New passage.' },
      ],
    }
    expect(changedPassages(source, after, null)).toBeNull()
  })

  it("superseding changes every passage; the new text is the replacement's passage with the same id, or none", () => {
    const replacement = { version: 'Version 2.2026', passages: [{ passageId: 'a', heading: 'A', text: 'Replacement a.' }] }
    const change = changedPassages(source, { ...source, status: 'superseded' }, replacement)
    expect(change?.kind).toBe('superseded')
    expect(change?.passages.map(({ passageId, newText, newVersion }) => ({ passageId, newText, newVersion }))).toEqual([
      { passageId: 'a', newText: 'Replacement a.', newVersion: 'Version 2.2026' },
      { passageId: 'b', newText: null, newVersion: 'Version 2.2026' },
    ])
  })

  it('a source already superseded is not superseded again by a later save', () => {
    const superseded = { ...source, status: 'superseded' as const }
    expect(changedPassages(superseded, superseded, null)).toBeNull()
  })
})

describe('the evidence_changed transition', () => {
  it('only the system sends only a published answer back to review (a reviewer or waiting for one)', () => {
    expect(answerTransition('published', 'evidence_changed')).toMatchObject({ to: ['in_review', 'awaiting_reviewer'], who: ['system'] })
    for (const stage of ['draft', 'in_review', 'awaiting_reviewer', 'changes_requested', 'rejected'] as const)
      expect(answerTransition(stage, 'evidence_changed')).toBeNull()
  })
})
