/**
 * A question still "drafting" after this long lost its job (a restart mid-job, a batch that
 * vanished) and may be sent to drafting again. The rule lives with the workflow's table.
 */
export { STALE_DRAFTING_MS } from '@/lib/workflow/states'
