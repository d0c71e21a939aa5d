import type {
  IntakeAction,
  IntakeMapping,
  IntakeRow,
  IntakeSourceInfo,
  IntakeSummary,
  TableInspection,
} from '../../../shared/domain/intake';

/**
 * Messages between the page and the intake worker (intake.worker.ts). Every message carries the
 * `job` it belongs to, so a late answer of a cancelled read is recognised and dropped.
 *
 * Flow: open → (inspect)* → read, and during a read: chunk → ack → chunk → … → done. The worker
 * waits for the page's `ack` after each chunk (the page acks once `intake.append` answered), so a
 * slow engine slows the read instead of piling 100,000 rows up in the page, and Cancel is seen
 * between two chunks.
 */
export type WorkerReadOptions = {
  sheet?: string;
  action: IntakeAction;
  mapping: IntakeMapping;
  headerRow: number;
  firstDataRow?: number;
};

export type ToWorker =
  | { type: 'open'; job: number; source: Blob | { text: string; name?: string }; name?: string }
  | { type: 'inspect'; job: number; sheet?: string; headerRow?: number }
  | { type: 'read'; job: number; options: WorkerReadOptions }
  | { type: 'ack'; job: number }
  | { type: 'cancel'; job: number };

/** What a screen needs to show the mapping step. */
export type Inspected = {
  info: IntakeSourceInfo;
  sheet: string | null;
  inspection: TableInspection;
  /** the first rows as read (header and title rows included), for the header-row picker */
  preview: string[][];
};

export type FromWorker =
  | { type: 'progress'; job: number; phase: 'reading' | 'parsing'; fraction: number }
  | ({ type: 'inspected'; job: number } & Inspected)
  | { type: 'chunk'; job: number; rows: IntakeRow[]; progress: number; rowsRead: number }
  | { type: 'done'; job: number; summary: IntakeSummary }
  | { type: 'cancelled'; job: number }
  | { type: 'error'; job: number; code: string; message: string };

/** Rows shown in the header-row picker. */
export const PREVIEW_ROWS = 30;
