export { type BudgetOptions, RequestBudget } from './budget';
export { signCallbackBody, verifyCallbackSignature } from './callback-signature';
export {
  type CallInput,
  type CallOptions,
  createSinchClient,
  DEFAULT_BUDGET,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type OperationResult,
  type RetryOptions,
  type SinchAuth,
  type SinchClient,
  type SinchClientOptions,
} from './client';
export {
  isAmbiguous,
  parseErrorBody,
  parseRetryAfter,
  SinchApiError,
  SinchError,
  SinchInputError,
  SinchNetworkError,
  SinchResponseError,
  userMessage,
} from './errors';
export type { AuditRecord } from './transport';
