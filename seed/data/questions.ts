import type { SeedQuestion } from './types'

/**
 * Patient questions in the editorial queue, spread across cancer types and workflow statuses.
 * Exactly one question is published (it has a matching entry in answers.ts).
 */
export const questions: SeedQuestion[] = [
  // ---------------------------------------------------------------- pancreatic
  {
    text: 'Is surgery an option for metastatic pancreatic cancer?',
    cancerType: 'pancreatic',
    priority: 'high',
    origin: 'patient_submission',
    status: 'published',
    submittedDaysAgo: 95,
  },
  {
    text: 'Can they still operate if my pancreatic cancer has already spread to other organs?',
    cancerType: 'pancreatic',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'duplicate',
    duplicateOfText: 'Is surgery an option for metastatic pancreatic cancer?',
    notes: 'Same question as the published answer on surgery for metastatic pancreatic cancer.',
    submittedDaysAgo: 12,
  },
  {
    text: 'My mom has stage 4 pancreatic cancer and her skin and eyes are turning yellow. Is that an emergency?',
    cancerType: 'pancreatic',
    priority: 'urgent',
    origin: 'patient_submission',
    status: 'new',
    notes: 'Possible blocked bile duct; answer must tell readers to contact their care team promptly.',
    submittedDaysAgo: 1,
  },
  {
    text: 'What does it mean if my CA 19-9 level goes up during chemotherapy?',
    cancerType: 'pancreatic',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 6,
  },
  {
    text: 'Why did my doctor give me enzyme pills to take with meals after my pancreatic cancer diagnosis?',
    cancerType: 'pancreatic',
    priority: 'low',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 20,
  },
  {
    text: 'What is the difference between FOLFIRINOX and gemcitabine with nab-paclitaxel?',
    cancerType: 'pancreatic',
    priority: 'normal',
    origin: 'search_trend',
    status: 'drafted',
    submittedDaysAgo: 34,
  },
  {
    text: 'Should my children get genetic testing because I have pancreatic cancer?',
    cancerType: 'pancreatic',
    priority: 'high',
    origin: 'patient_submission',
    status: 'in_review',
    submittedDaysAgo: 41,
  },
  {
    text: 'What is a bile duct stent and why would I need one?',
    cancerType: 'pancreatic',
    priority: 'normal',
    origin: 'editorial',
    status: 'drafting',
    submittedDaysAgo: 3,
  },
  {
    text: 'Does eating sugar make pancreatic cancer grow faster?',
    cancerType: 'pancreatic',
    priority: 'low',
    origin: 'search_trend',
    status: 'archived',
    notes: 'Archived: nutrition topic moved to the general diet-and-cancer guide.',
    submittedDaysAgo: 110,
  },

  // -------------------------------------------------------------------- breast
  {
    text: 'Is a lumpectomy with radiation as good as a mastectomy for early breast cancer?',
    cancerType: 'breast',
    priority: 'high',
    origin: 'search_trend',
    status: 'in_review',
    submittedDaysAgo: 48,
  },
  {
    text: 'How long will I need to take hormone therapy after breast cancer surgery?',
    cancerType: 'breast',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'drafted',
    submittedDaysAgo: 27,
  },
  {
    text: 'What does HER2-positive mean on my breast cancer pathology report?',
    cancerType: 'breast',
    priority: 'normal',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 9,
  },
  {
    text: 'I was diagnosed with breast cancer at 38. Should I be tested for BRCA?',
    cancerType: 'breast',
    priority: 'high',
    origin: 'patient_submission',
    status: 'changes_requested',
    notes:
      'Reviewer: explain that testing is based on age at diagnosis, family history and tumor features; do not imply everyone needs the same test.',
    submittedDaysAgo: 55,
  },

  // ---------------------------------------------------------------------- lung
  {
    text: 'My lung cancer has an EGFR mutation. What does that mean for my treatment?',
    cancerType: 'lung',
    priority: 'high',
    origin: 'patient_submission',
    status: 'drafted',
    submittedDaysAgo: 18,
  },
  {
    text: 'Is immunotherapy better than chemotherapy for stage 4 lung cancer?',
    cancerType: 'lung',
    priority: 'normal',
    origin: 'search_trend',
    status: 'in_review',
    submittedDaysAgo: 30,
  },
  {
    text: 'Does it still help to quit smoking after being diagnosed with lung cancer?',
    cancerType: 'lung',
    priority: 'normal',
    origin: 'editorial',
    status: 'changes_requested',
    notes:
      'Reviewer: add where to find quit-smoking support and soften the tone so it does not read as blame.',
    submittedDaysAgo: 62,
  },
  {
    text: 'What is SBRT and can it be used instead of surgery for lung cancer?',
    cancerType: 'lung',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 4,
  },
  {
    text: 'Why do I have to wait for biomarker test results before starting lung cancer treatment?',
    cancerType: 'lung',
    priority: 'urgent',
    origin: 'patient_submission',
    status: 'drafting',
    submittedDaysAgo: 2,
  },

  // ---------------------------------------------------------------- colorectal
  {
    text: 'Can colon cancer that has spread to the liver be removed with surgery?',
    cancerType: 'colorectal',
    priority: 'high',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 8,
  },
  {
    text: 'Do I need chemotherapy after surgery for stage 2 colon cancer?',
    cancerType: 'colorectal',
    priority: 'normal',
    origin: 'search_trend',
    status: 'drafted',
    submittedDaysAgo: 22,
  },
  {
    text: 'What does it mean if my colon cancer is MSI-high?',
    cancerType: 'colorectal',
    priority: 'normal',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 15,
  },
  {
    text: 'At what age should my kids start getting colonoscopies since I had colon cancer?',
    cancerType: 'colorectal',
    priority: 'low',
    origin: 'patient_submission',
    status: 'archived',
    notes: 'Archived: screening question, out of scope for treatment content.',
    submittedDaysAgo: 118,
  },

  // ------------------------------------------------------------------ prostate
  {
    text: 'Is active surveillance safe for low-risk prostate cancer?',
    cancerType: 'prostate',
    priority: 'normal',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 26,
  },
  {
    text: 'Surgery or radiation for prostate cancer: which one has fewer side effects?',
    cancerType: 'prostate',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 13,
  },
  {
    text: 'How long do hot flashes last on hormone therapy for prostate cancer?',
    cancerType: 'prostate',
    priority: 'low',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 37,
  },

  // ------------------------------------------------------------------- ovarian
  {
    text: 'What is a PARP inhibitor and could it help with my ovarian cancer?',
    cancerType: 'ovarian',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 11,
  },
  {
    text: 'Why does my surgeon want me to have chemotherapy before surgery for ovarian cancer?',
    cancerType: 'ovarian',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 44,
  },

  // ------------------------------------------------------------------ melanoma
  {
    text: 'Can melanoma come back after the mole has been removed?',
    cancerType: 'melanoma',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'draft_failed',
    notes:
      'Drafting failed: no guideline sources for melanoma yet. Add a current melanoma source, then retry.',
    submittedDaysAgo: 14,
  },
  {
    text: 'What side effects can immunotherapy for melanoma cause?',
    cancerType: 'melanoma',
    priority: 'high',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 5,
  },

  // ------------------------------------------------------------------ lymphoma
  {
    text: 'What is the difference between Hodgkin and non-Hodgkin lymphoma?',
    cancerType: 'lymphoma',
    priority: 'normal',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 16,
  },
  {
    text: 'Will I lose my hair during R-CHOP treatment for lymphoma?',
    cancerType: 'lymphoma',
    priority: 'low',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 29,
  },

  // ------------------------------------------------------------------ leukemia
  {
    text: 'What does it mean to be in remission from leukemia?',
    cancerType: 'leukemia',
    priority: 'normal',
    origin: 'editorial',
    status: 'new',
    submittedDaysAgo: 52,
  },
  {
    text: 'Is a stem cell transplant the only treatment for acute myeloid leukemia?',
    cancerType: 'leukemia',
    priority: 'high',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 3,
  },

  // ------------------------------------------------------------------- bladder
  {
    text: 'Why does bladder cancer need so many follow-up cystoscopies?',
    cancerType: 'bladder',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'draft_failed',
    notes: 'Drafting failed: no guideline sources for bladder cancer yet.',
    submittedDaysAgo: 19,
  },
  {
    text: 'What is BCG treatment for bladder cancer and how does it work?',
    cancerType: 'bladder',
    priority: 'normal',
    origin: 'search_trend',
    status: 'new',
    submittedDaysAgo: 10,
  },

  // -------------------------------------------------------------------- kidney
  {
    text: 'Can a small kidney tumor just be watched instead of removed?',
    cancerType: 'kidney',
    priority: 'normal',
    origin: 'patient_submission',
    status: 'new',
    submittedDaysAgo: 24,
  },
  {
    text: 'Do they have to take out my whole kidney if I have kidney cancer?',
    cancerType: 'kidney',
    priority: 'normal',
    origin: 'editorial',
    status: 'new',
    submittedDaysAgo: 33,
  },
]
