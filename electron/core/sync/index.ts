export { enqueueNumberAction, type NumberAction } from './actions';
export { type ManualClock, manualClock, type SyncClock, systemClock } from './clock';
export {
  createSyncEngine,
  SYNC_STATUSES,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncState,
  type SyncStatus,
} from './engine';
export {
  DEFAULT_POLL,
  type LoaInfo,
  type LoaResolver,
  type PollPolicy,
  REMOTE_FAILED_STATUS,
  SYNC_TASKS,
  type SyncHooks,
  type SyncJob,
} from './handlers';
