import type { SeedCancerType } from './types'

/**
 * Cancer types used to group questions, answers and guideline sources.
 * Review interval is 12 months by default; fast-moving fields (many new
 * targeted drugs and immunotherapies) are reviewed every 6 months.
 */
export const cancerTypes: SeedCancerType[] = [
  { name: 'Pancreatic cancer', slug: 'pancreatic', reviewIntervalMonths: 12 },
  { name: 'Breast cancer', slug: 'breast', reviewIntervalMonths: 12 },
  { name: 'Lung cancer (non-small cell)', slug: 'lung', reviewIntervalMonths: 6 },
  { name: 'Colorectal cancer', slug: 'colorectal', reviewIntervalMonths: 12 },
  { name: 'Prostate cancer', slug: 'prostate', reviewIntervalMonths: 12 },
  { name: 'Ovarian cancer', slug: 'ovarian', reviewIntervalMonths: 12 },
  { name: 'Melanoma', slug: 'melanoma', reviewIntervalMonths: 6 },
  { name: 'Lymphoma', slug: 'lymphoma', reviewIntervalMonths: 12 },
  { name: 'Leukemia', slug: 'leukemia', reviewIntervalMonths: 12 },
  { name: 'Bladder cancer', slug: 'bladder', reviewIntervalMonths: 12 },
  { name: 'Kidney cancer', slug: 'kidney', reviewIntervalMonths: 12 },
]
