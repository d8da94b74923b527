import { describe, expect, it } from 'vitest'

import { checkSupport, checkTopic, findAbsolute, findDirective, needsCitation } from '@/lib/grounding'

/**
 * The general rules of the grounding checks (README, "Grounding checks"), each with sentences written
 * for these tests on cancers and wordings that no labelled set uses: the rules are grammatical forms,
 * so they must hold for any cancer topic, not only for the drafts they were tuned on.
 */

describe('uncited claims: a pointer to the care team needs no citation, whatever the team is called', () => {
  it.each([
    "Your surgeon's nurse can explain how the treatment plan fits together.",
    'Your transplant team will explain whether the limits apply to you.',
    'The palliative care service can help with symptoms and support alongside other treatment.',
    'Your clinical nurse specialist is the person to contact between appointments.',
    'Your haematologist can tell you more.',
    'Your radiographer can answer questions about the machine.',
    'The team at your sarcoma centre can talk through what the operation means for you.',
    'If you are worried, talk to your stoma nurse.',
    'You may want to ask your care team what follow-up plan they recommend for you.',
    'You will have a key worker, often a clinical nurse specialist, who you can contact with questions.',
    'Your surgeon and oncologist will look at the results of the operation with you before deciding.',
    'A dietitian can help you find the right dose and plan meals that suit you.',
    'Your chemotherapy unit will give you a 24-hour number to call.',
    'It can help to ask your physiotherapist which exercises suit you.',
  ])('no citation needed: %s', (sentence) => {
    expect(needsCitation(sentence)).toBe(false)
  })

  it.each([
    // A provider doing treatment, not talking with the reader.
    'The team gives chemotherapy before surgery to help shrink the tumour.',
    'Your doctor may offer radiotherapy after the operation.',
    'Your team will check your blood counts before each cycle.',
    // Help with a named treatment is a claim about that treatment.
    'Your team can help you manage pain with morphine.',
    // A reported statement is a claim; so is a figure.
    'Your doctor will explain that surgery cures most early cancers.',
    'Your nurse can explain why 1 in 5 people need a second operation.',
    'Physiotherapy after surgery helps people regain strength.',
  ])('citation needed: %s', (sentence) => {
    expect(needsCitation(sentence)).toBe(true)
  })
})

describe('directive wording: obligation, permission or imperative about a medical action, addressed to the reader', () => {
  it.each([
    ['You should stop eating grapefruit while on this drug.', 'You should'],
    ["If the side effects bother you, it's fine to stop the dexamethasone yourself.", "it's fine to stop"],
    ["It's OK to skip a dose if you feel sick.", "It's OK to skip"],
    ["There's no need to take the supplements the dietitian suggests.", "There's no need to take"],
    ['There is no need to finish the course of tablets.', 'There is no need to finish'],
    ["You don't need to take the blood thinners after the first week.", "You don't need to take"],
    ['Make sure you see your GP within two weeks of any bleeding.', 'Make sure you'],
    ['Start taking the steroid tablets the day before chemotherapy.', 'Start taking'],
    ['If your mouth is sore, use a salt-water rinse four times a day.', 'use a'],
    ['Just stop the tablets if you get diarrhoea.', 'stop the'],
    ["Don't drink alcohol during treatment.", "Don't drink"],
    ['If you feel sick, do not take the next dose.', 'do not take'],
    ['Never take ibuprofen with this drug.', 'Never take'],
    ['Try to walk for 20 minutes every day.', 'Try to'],
    ["You'll want to get your PSA checked every three months.", "You'll want to get"],
    ['Refuse the extra dose of chemotherapy if you want to keep your fertility.', 'Refuse the'],
  ])('%s', (sentence, phrase) => {
    expect(findDirective(sentence)).toBe(phrase)
  })

  it.each([
    ['Stay off work for at least six weeks after surgery.', 'Stay off'],
    ['Wear loose clothes over the treated area.', 'Wear loose'],
    ['After radiotherapy, protect your skin from the sun.', 'protect your'],
    ['Remove the dressing after two days.', 'Remove the'],
    ['Put aqueous cream on the area three times a day.', 'Put aqueous'],
  ])('an imperative in general form (a base-form verb opening the sentence, with its object): %s', (sentence, phrase) => {
    expect(findDirective(sentence)).toBe(phrase)
  })

  it.each([
    'Watch and wait is a usual approach for early CLL.',
    'Side effects can include tiredness.',
    'Swelling can last a few weeks.',
    'Help with travel costs is available.',
    'Follow the advice of your care team.',
    'Find out more from your specialist nurse.',
  ])('not an imperative of medical action: %s', (sentence) => {
    expect(findDirective(sentence)).toBeNull()
  })

  it.each([
    'Most people need to eat smaller meals more often after the operation.',
    'Many patients have to stay in hospital for a week.',
    'Most women who have it do not have cancer.',
    'Most people with an abnormal result, about 9 in 10, do not have cancer.',
    'Doctors do not use this test for screening.',
    'The surgeon tries to remove all of the tumour.',
    'Change in bowel habit is a common symptom.',
    'Use of steroids can cause weight gain.',
    'Stopping smoking lowers the risk of complications.',
    'You can ask your nurse about support groups.',
    'You should talk to your team about what matters most to you.',
    'You may want to ask your team about clinical trials.',
    'A trachelectomy may be possible if you want to have children.',
    'Any bleeding after the menopause should be checked by a doctor.',
  ])('not directive: %s', (sentence) => {
    expect(findDirective(sentence)).toBeNull()
  })
})

describe('absolute wording: certainty, not the word "cure"', () => {
  it.each([
    ['Radiotherapy after surgery means the cancer will not come back.', 'will not come back'],
    ['Radiotherapy eliminates any remaining cancer cells.', 'eliminates'],
    ['Chemotherapy first ensures it does not come back after the operation.', 'ensures'],
    ['The vaccine prevents cervical cancer.', 'prevents'],
    ['This treatment cures the cancer.', 'cures'],
    ['Even when it has spread, every man is cured.', 'cured'],
    ['Removing part of a tumour carries no risk.', 'no risk'],
    ['Side effects always go away.', 'always'],
    ['It cannot spread to other parts of the body.', 'cannot spread'],
    ['It is certain to control the tumour.', 'certain to'],
    ['It makes sure the cancer does not come back in the breast.', 'makes sure'],
    ['Bisphosphonates strengthen the bones so fractures do not happen.', 'fractures do not happen'],
    ['Pleurodesis stops the fluid from ever coming back.', 'from ever'],
  ])('%s', (sentence, phrase) => {
    expect(findAbsolute(sentence)).toBe(phrase)
  })

  it.each([
    'Testicular cancer has a very high cure rate.',
    'Curative treatment is possible for early cancers.',
    'Even when it has spread, most men are cured.',
    'About 9 in 10 women with early cancer are cured.',
    'Surgery aims to cure the cancer.',
    'Treatment can eliminate the cancer in some people.',
    'The vaccine prevents most cervical cancers.',
    'Chemotherapy is given to ensure that any cells left behind are destroyed.',
    'Chemoembolisation does not usually cure the cancer.',
    'Not always: removing one lobe can be enough.',
    'It is not certain to work for everyone.',
    'Radiotherapy is given to make sure that any remaining cells are treated.',
    'Surgery removes the tumour, so in most people it does not come back.',
    'Stage 1 cancer has not spread beyond the organ.',
  ])('not absolute: %s', (sentence) => {
    expect(findAbsolute(sentence)).toBeNull()
  })
})

describe('unsupported claims: negation by clause, effects, stage', () => {
  it('"with or without" and "not usually possible" in a faithful paraphrase are no negation mismatch', () => {
    const passage =
      'When the cancer has spread to the liver, surgery is not usually possible. Treatment may include chemotherapy, with or without immunotherapy.'
    expect(checkSupport('An operation is not usually possible once the cancer has spread to the liver.', [passage]).verdict).toBe(
      'supported',
    )
    expect(checkSupport('Treatment may include chemotherapy with or without immunotherapy.', [passage]).verdict).toBe('supported')
  })

  it("a negation belongs to its clause: another clause's 'none' or 'do not' is not the claim's", () => {
    const transplant = 'A transplant may be an option for a single tumour up to 5 cm, or up to three tumours none larger than 3 cm.'
    expect(checkSupport('A transplant may be an option for a single tumour up to 5 cm.', [transplant]).verdict).toBe('supported')
    const bleeding =
      'The most common symptom of womb cancer is bleeding after the menopause. Any bleeding should be checked, although most women who have it do not have cancer.'
    expect(
      checkSupport(
        'Bleeding after the menopause is the most common symptom of womb cancer, although most women who have it do not have cancer.',
        [bleeding],
      ).verdict,
    ).toBe('supported')
  })

  it('a bare "not" whose verb is a stop word negates what comes before it in its clause', () => {
    const given = 'Chemotherapy is given before surgery for this cancer.'
    expect(checkSupport('Chemotherapy is not given before surgery for this cancer.', [given]).verdict).toBe('unsupported')
    expect(
      checkSupport('Chemotherapy is not given before surgery for this cancer.', [
        'Chemotherapy is not given before surgery for this cancer.',
      ]).verdict,
    ).toBe('supported')
  })

  it('a claim that denies what its passage states is still unsupported', () => {
    const passage = 'PARP inhibitors taken as maintenance treatment after chemotherapy can delay the return of the cancer.'
    expect(
      checkSupport('Maintenance treatment with a PARP inhibitor after chemotherapy does not delay its return.', [passage]).verdict,
    ).toBe('unsupported')
    expect(
      checkSupport('Radiotherapy is usually needed after surgery for early cancer.', [
        'Radiotherapy is not usually needed after surgery for early cancer.',
      ]).verdict,
    ).toBe('unsupported')
  })

  it('an effect the passage does not state, or the opposite effect, is unsupported', () => {
    const steroids = 'Steroids such as dexamethasone are often used to reduce swelling around a brain tumour, which can ease headaches.'
    expect(checkSupport('Steroids such as dexamethasone shrink the tumour itself.', [steroids]).verdict).toBe('unsupported')
    expect(checkSupport('Steroids such as dexamethasone lower swelling around a brain tumour.', [steroids]).verdict).toBe('supported')
    const lynch = 'Lynch syndrome is an inherited condition that raises the risk of womb and bowel cancer.'
    expect(checkSupport('Lynch syndrome is an inherited condition that lowers the risk of womb and bowel cancer.', [lynch]).verdict).toBe(
      'unsupported',
    )
    expect(
      checkSupport('Lynch syndrome is an inherited condition that increases the risk of bowel and womb cancer.', [lynch]).verdict,
    ).toBe('supported')
  })

  it('"most" or "usually" where the restated passage says "some" is unsupported; "a few weeks" is a duration', () => {
    const some = 'Some people with this cancer need a feeding tube during treatment.'
    expect(checkSupport('Most people with this cancer need a feeding tube during treatment.', [some]).verdict).toBe('unsupported')
    expect(checkSupport('Some people with this cancer need a feeding tube during treatment.', [some]).verdict).toBe('supported')
    const weeks = 'The operation is then done a few weeks after this treatment ends.'
    expect(checkSupport('The operation usually follows a few weeks after this treatment ends.', [weeks]).verdict).toBe('supported')
  })

  it('an effect in other words, or a weaker one than the passage states, is supported; a stronger one is not', () => {
    expect(checkSupport('Chemotherapy improves survival.', ['Chemotherapy helps people live longer.']).verdict).toBe('supported')
    expect(checkSupport('Chemotherapy can make the tumour smaller.', ['Chemotherapy can reduce the size of the tumour.']).verdict).toBe(
      'supported',
    )
    expect(checkSupport('The vaccine lowers the risk of cervical cancer.', ['The vaccine helps prevent cervical cancer.']).verdict).toBe(
      'supported',
    )
    expect(checkSupport('The vaccine prevents cervical cancer.', ['The vaccine lowers the risk of cervical cancer.']).verdict).toBe(
      'unsupported',
    )
    // Reducing swelling is not shrinking the tumour.
    expect(
      checkSupport('Steroids shrink the tumour itself.', ['Steroids reduce swelling around a brain tumour and are reduced slowly.'])
        .verdict,
    ).toBe('unsupported')
  })

  it('a kind of treatment no cited passage mentions is unsupported', () => {
    const passage = 'Radiotherapy may be given after surgery if some of the tumour could not be removed.'
    expect(checkSupport('Chemotherapy may be given after surgery if some of the tumour could not be removed.', [passage]).verdict).toBe(
      'unsupported',
    )
    expect(
      checkSupport('Radiotherapy may be given after the operation if some of the tumour was left behind.', [passage]).verdict,
    ).not.toBe('unsupported')
    expect(checkSupport('It combines radiotherapy with chemotherapy.', ['The main treatment is chemoradiotherapy.']).verdict).not.toBe(
      'unsupported',
    )
  })

  it('a restriction the passages do not make ("only if", "unless") is unsupported', () => {
    const passage = 'After breast-conserving surgery, radiotherapy to the breast is usually recommended.'
    expect(
      checkSupport('Radiotherapy to the breast is given only if the cancer comes back after breast-conserving surgery.', [passage]).verdict,
    ).toBe('unsupported')
    const only = 'Radiotherapy is only given after breast-conserving surgery if the cancer is large.'
    expect(checkSupport('Radiotherapy is given after breast-conserving surgery only if the cancer is large.', [only]).verdict).not.toBe(
      'unsupported',
    )
  })

  it('a claim about another stage than its passage is unsupported', () => {
    const passage = 'After surgery for stage 1 testicular cancer, many men have surveillance with regular blood tests and scans.'
    const result = checkSupport(
      'After surgery for stage 3 testicular cancer, many men have surveillance with regular blood tests and scans.',
      [passage],
    )
    expect(result.verdict).toBe('unsupported')
    expect(result.reason).toContain('stage 1')
  })
})

describe('off topic: the answer addresses a different question (treatment, intent, population, cancer)', () => {
  const answer = (directAnswer: string, claims: string[]) => ({ directAnswer, claims, headings: [] })

  it('generic phrases of time and scope are not the subject', () => {
    expect(
      checkTopic(
        'Does a low-grade glioma need treatment straight away?',
        answer('Not always. Some slow-growing gliomas may be watched with regular MRI scans before any treatment starts.', [
          'Surgery, radiotherapy or chemotherapy is offered if the tumour grows.',
        ]),
      ).onTopic,
    ).toBe(true)
  })

  it('a replacement treatment asked about must be weighed', () => {
    const usual = answer('Chemotherapy is usually given before the operation.', ['The operation follows a few weeks later.'])
    expect(checkTopic('Can radiotherapy alone be used instead of surgery for oesophageal cancer?', usual).onTopic).toBe(false)
    const weighed = answer('For some people who cannot have an operation, chemoradiotherapy is used instead of surgery.', [])
    expect(checkTopic('Can radiotherapy alone be used instead of surgery for oesophageal cancer?', weighed).onTopic).toBe(true)
  })

  it('a question about cancer that has come back is not answered by preventing its return', () => {
    const first = answer('The first treatment combines three drugs.', ['A transplant can lengthen the time before the myeloma comes back.'])
    expect(checkTopic('What treatment options are there if myeloma comes back after a transplant?', first).onTopic).toBe(false)
    const relapse = answer('If myeloma comes back after a transplant, a different combination of drugs is usually tried.', [])
    expect(checkTopic('What treatment options are there if myeloma comes back after a transplant?', relapse).onTopic).toBe(true)
  })

  it("children's care is a population; having children is fertility", () => {
    const adults = answer('Surgery followed by radiotherapy with temozolomide.', ['Temozolomide is continued for about six months.'])
    expect(checkTopic('How are brain tumours in children treated?', adults).onTopic).toBe(false)
    const fertility = answer('It can. Chemotherapy can lower fertility, so sperm banking is usually offered first.', [])
    expect(checkTopic('Will I still be able to have children after chemotherapy?', fertility).onTopic).toBe(true)
  })

  it('a how/what question about a treatment is not answered by ruling that treatment out', () => {
    const sabr = answer('For people who cannot have an operation, stereotactic radiotherapy is an option.', [])
    expect(checkTopic('How long does recovery take after lung cancer surgery?', sabr).onTopic).toBe(false)
    expect(checkTopic('What are the options for early lung cancer if I cannot have surgery?', sabr).onTopic).toBe(true)
    const notPossible = answer('Not usually. Once it has spread to the liver, surgery is not usually possible.', [])
    expect(checkTopic('Can surgery remove oesophageal cancer that has spread to the liver?', notPossible).onTopic).toBe(true)
  })

  it('a question that rules out spread or a treatment is not answered by an answer about it', () => {
    const spread = answer('Usually with immunotherapy.', ['This is the treatment for kidney cancer that has spread.'])
    expect(checkTopic('How is a small kidney cancer that has not spread treated?', spread).onTopic).toBe(false)
    expect(checkTopic('How is kidney cancer treated once it has spread?', spread).onTopic).toBe(true)
    const both = answer('If it has not spread, surgery is usual.', ['Cancer that has spread is treated with immunotherapy.'])
    expect(checkTopic('How is a small kidney cancer that has not spread treated?', both).onTopic).toBe(true)
  })

  it('lymphoma subtypes name non-Hodgkin lymphoma', () => {
    const dlbcl = answer('Diffuse large B-cell lymphoma is usually treated with R-CHOP.', [])
    expect(checkTopic('What is the usual treatment for Hodgkin lymphoma?', dlbcl).onTopic).toBe(false)
  })

  it('cancer types beyond the first list: womb, testicular, sarcoma', () => {
    const womb = answer('Often not. After surgery for early womb cancer, no further treatment is usually needed.', [])
    expect(checkTopic('Will I need more treatment after surgery for stomach cancer?', womb).onTopic).toBe(false)
    expect(checkTopic('Will I need more treatment after surgery for early womb cancer?', womb).onTopic).toBe(true)
  })

  it('"after surgery" is a point in time unless a treatment is asked to follow it', () => {
    const fertility = answer('It can. Chemotherapy can lower fertility, so sperm banking is usually offered first.', [])
    expect(checkTopic('Will I still be able to have children after chemotherapy?', fertility).onTopic).toBe(true)
    const first = answer('Chemotherapy is the main treatment for this cancer.', [])
    expect(checkTopic('Do I need radiotherapy after surgery for this cancer?', first).onTopic).toBe(false)
  })
})
