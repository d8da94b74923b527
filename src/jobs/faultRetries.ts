/**
 * For the outbox jobs (CDN purges, webhooks), whose sends never throw: what Payload does when their
 * own reads or writes fail. Five more tries, 10 s, then twice as long each time (about 5 minutes in
 * all), enough for a database that restarts or fails over.
 */
export const JOB_FAULT_RETRIES = { attempts: 5, backoff: { type: 'exponential' as const, delay: 10_000 } }
