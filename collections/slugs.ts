/** Collection slugs, in one place so collections can reference each other without import cycles. */
export const USERS = 'users'
export const CANCER_TYPES = 'cancer-types'
export const QUESTIONS = 'questions'
export const GUIDELINE_SOURCES = 'guideline-sources'
export const ANSWERS = 'answers'
export const APPROVALS = 'approvals'
export const NOTIFICATIONS = 'notifications'
export const MODEL_USAGE = 'model-usage'
