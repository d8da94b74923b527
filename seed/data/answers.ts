import type { SeedAnswer } from './types'

/**
 * Published answers. Each one belongs to a question in questions.ts (matched by exact text),
 * keeps its body in seed/content/, and cites passages from current sources in guidelineSources.ts.
 */
export const answers: SeedAnswer[] = [
  {
    questionText: 'Is surgery an option for metastatic pancreatic cancer?',
    title: 'Can surgery help when pancreatic cancer has spread?',
    slug: 'is-surgery-an-option-for-metastatic-pancreatic-cancer',
    cancerType: 'pancreatic',
    summary:
      'For most people whose pancreatic cancer has spread to other organs, surgery to remove the tumor is not the usual treatment, because it has not been shown to help people live longer. Treatment usually centers on chemotherapy, along with care to ease symptoms. In a few cases, surgery or a stent may be used to relieve a blockage.',
    bodyMarkdownFile: 'metastatic-pancreatic-surgery.md',
    questionsToAsk: [
      {
        question: 'What is the main goal of the treatment you are recommending for me?',
        why: 'Knowing whether the aim is to control the cancer, ease symptoms or both helps you weigh your choices.',
      },
      {
        question: 'Have my tumor and my genes been tested for changes that could open up other treatments?',
        why: 'Some test results point to targeted drugs, immunotherapy or clinical trials.',
      },
      {
        question: 'Is there a clinical trial that might fit my situation?',
        why: 'Trials can give access to newer approaches, including studies of surgery for limited spread.',
      },
      {
        question: 'If I get jaundice or keep vomiting, would a stent or a bypass be the better option for me?',
        why: 'Knowing the options ahead of time can help you and your team act quickly if a blockage happens.',
      },
      {
        question: 'Can I meet a palliative care team now, alongside my cancer treatment?',
        why: 'Palliative care helps with pain, eating and stress at any stage, not only near the end of life.',
      },
    ],
    keyTakeaway:
      'When pancreatic cancer has spread to distant organs, treatment that works throughout the body, mainly chemotherapy, is the usual first choice rather than surgery. Surgery may still have a role in rare cases, such as in a clinical trial or to relieve a blockage.',
    // The direct answer's citations; the body's claims cite through the [n] markers in its Markdown.
    citations: [
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'met-surgery',
        quote:
          'removing the primary tumor with surgery is generally not recommended because it has not been shown to help people live longer',
      },
      { sourceKey: 'esmo-pancreatic-2023', passageId: 'metastatic-systemic', quote: 'the main treatment is chemotherapy' },
      {
        sourceKey: 'esmo-pancreatic-2023',
        passageId: 'early-palliative-care',
        quote: 'can be given alongside cancer treatment',
      },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'palliative-procedures',
        quote: 'a stent placed during an endoscopy is often preferred to relieve the blockage',
      },
    ],
    // [n] in seed/content/metastatic-pancreatic-surgery.md cites the n-th of these.
    claimCitations: [
      { sourceKey: 'nccn-pancreatic-2025-2', passageId: 'met-surgery', quote: 'removing the primary tumor with surgery is generally not recommended' },
      { sourceKey: 'nci-pdq-pancreatic-patient', passageId: 'stage-iv-treatment', quote: 'When pancreatic cancer has spread to distant parts of the body' },
      { sourceKey: 'nci-pdq-pancreatic-patient', passageId: 'resectable-surgery', quote: 'can be completely taken out' },
      { sourceKey: 'nci-pdq-pancreatic-patient', passageId: 'whipple', quote: 'Recovery can take weeks or months' },
      { sourceKey: 'esmo-pancreatic-2023', passageId: 'metastatic-systemic', quote: 'the main treatment is chemotherapy' },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'first-line-chemo',
        quote: 'FOLFIRINOX or modified FOLFIRINOX, NALIRIFOX, or gemcitabine with nab-paclitaxel',
      },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'first-line-chemo',
        quote: 'People who are less fit may be offered a gentler option, such as gemcitabine alone',
      },
      { sourceKey: 'nccn-pancreatic-2025-2', passageId: 'genetic-testing', quote: 'can point to targeted treatments or clinical trials' },
      { sourceKey: 'esmo-pancreatic-2023', passageId: 'early-palliative-care', quote: 'can be given alongside cancer treatment' },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'clinical-trials',
        quote: 'Taking part in a clinical trial is encouraged at every stage of pancreatic cancer',
      },
      {
        sourceKey: 'esmo-pancreatic-2023',
        passageId: 'oligometastatic',
        quote: 'Outside clinical trials and carefully selected cases at experienced centers, it is not considered standard care.',
      },
      {
        sourceKey: 'nci-pdq-pancreatic-patient',
        passageId: 'stents',
        quote: 'A stent can relieve yellowing of the skin, itching and vomiting without a large operation.',
      },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'palliative-procedures',
        quote: 'a stent placed during an endoscopy is often preferred to relieve the blockage',
      },
      {
        sourceKey: 'nci-pdq-pancreatic-patient',
        passageId: 'palliative-surgery',
        quote: 'a surgeon can create a bypass so that bile or food can flow around a blockage caused by the tumor',
      },
      { sourceKey: 'nci-pdq-pancreatic-patient', passageId: 'pain-relief', quote: 'a nerve block, an injection that stops pain signals' },
      {
        sourceKey: 'nci-pdq-pancreatic-patient',
        passageId: 'palliative-surgery',
        quote: 'Surgery may be used to relieve symptoms rather than to remove the cancer.',
      },
    ],
    highRisk: false,
  },
]
