/**
 * Per-request limits of the API (REFERENCE.md §5). One place, so the planner, the queue and the
 * simulator's expectations in tests agree.
 */

/** `hostingOrders:importNumbers`: 5 numbers per request unless the account manager raised it (§5.2 (11)). */
export const DEFAULT_IMPORT_ORDER_LIMIT = 5;
/** Upper bound we accept for a raised import limit setting; a typo of 50000 should not reach the API. */
export const MAX_IMPORT_ORDER_LIMIT = 500;
/** Text-enable, standard and toll-free: up to 500 numbers per request (§5.3 (18); toll-free assumed, §6.10). */
export const TEXT_ENABLE_LIMIT = 500;
/**
 * `qualifiedNumbers:addNumbers` has no documented maximum (§5.3 (17), UNCONFIRMED). We use the
 * text-enable limit: one qualify call then feeds at most a couple of text-enable calls.
 */
export const QUALIFY_LIMIT = 500;

/**
 * The engine's own pace per Sinch project (all its clients together): requests a second and the
 * burst it may send at once. Sinch publishes no number (REFERENCE.md §3.6): a 429 pauses the project
 * whatever this says. Settings shows it.
 */
export const REQUEST_BUDGET = { ratePerSec: 10, burst: 10 } as const;
