/**
 * Workspace settings the operations read (issue 9): how long a qualification review may take before
 * the app calls it stuck, and how many wrong voice codes Sinch accepts before blocking a number (the
 * API reports no count: the app estimates "attempts left" from it). The engine reads them through one
 * function (`EngineContext.operationSettings`), so the workspace settings screen plugs in there.
 */
export type OperationSettings = {
  /** business days a qualification may stay undecided (after submission or the invoice e-mail) */
  qualificationReviewLimitBusinessDays: number;
  /** wrong voice codes before Sinch blocks the number (REFERENCE.md §10 #8: 3 in the simulator) */
  voiceAttempts: number;
};

export const DEFAULT_OPERATION_SETTINGS: OperationSettings = {
  qualificationReviewLimitBusinessDays: 5,
  voiceAttempts: 3,
};

/** The address Sinch's guide names for qualification evidence and questions (Workflow C). */
export const SINCH_ORDERS_EMAIL = 'orders@sinch.com';
