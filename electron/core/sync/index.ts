export { enqueueNumberAction, type NumberAction, type OperationStep, queueOperation } from './actions';
export { type ManualClock, manualClock, type SyncClock, systemClock } from './clock';
export {
  createSyncLoop,
  SYNC_STATUSES,
  type SyncLoop,
  type SyncLoopOptions,
  type LoopState,
  type SyncStatus,
} from './loop';
export {
  DEFAULT_POLL,
  type LoaInfo,
  type LoaResolver,
  type PollPolicy,
  REMOTE_FAILED_STATUS,
  WRONG_CODE_NOTE,
  type SyncHooks,
  type SyncJob,
} from './tasks';
