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
    citations: [
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'met-surgery',
        quote:
          'removing the primary tumor with surgery is generally not recommended because it has not been shown to help people live longer',
      },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'first-line-chemo',
        quote:
          'People who are less fit may be offered a gentler option, such as gemcitabine alone, or supportive care on its own.',
      },
      {
        // Names the disease stage IV, as the body does ("metastatic, or stage 4").
        sourceKey: 'nci-pdq-pancreatic-patient',
        passageId: 'stage-iv-treatment',
        quote: 'When pancreatic cancer has spread to distant parts of the body',
      },
      {
        sourceKey: 'esmo-pancreatic-2023',
        passageId: 'oligometastatic',
        quote:
          'Outside clinical trials and carefully selected cases at experienced centers, it is not considered standard care.',
      },
      {
        sourceKey: 'nci-pdq-pancreatic-patient',
        passageId: 'palliative-surgery',
        quote:
          'a surgeon can create a bypass so that bile or food can flow around a blockage caused by the tumor',
      },
      {
        sourceKey: 'nccn-pancreatic-2025-2',
        passageId: 'palliative-procedures',
        quote:
          'a stent placed during an endoscopy is often preferred to relieve the blockage',
      },
      {
        sourceKey: 'asco-metastatic-pancreatic-2020',
        passageId: 'palliative-referral',
        quote: 'Referral to a palliative care team is advised early, starting at the first visit',
      },
    ],
    highRisk: false,
  },
]
