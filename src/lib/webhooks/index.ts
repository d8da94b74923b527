/**
 * Signed webhooks through an outbox (README "Webhooks"): queued in the change's transaction, sent
 * right after its commit, retried with backoff, in order per (endpoint, answer), visible and
 * replayable in the admin.
 */
export { queueWebhookEvent, settleWebhooks, type QueuedEvent } from './outbox'
export { WEBHOOK_EVENTS, webhookEventSchema, type WebhookEvent, type WebhookEventType } from './events'
export { signWebhook, verifyWebhook, WebhookVerificationError } from './signing'
