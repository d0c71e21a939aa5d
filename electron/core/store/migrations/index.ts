import type { Migration } from '../migrations';
import { queueMigration } from './001-queue';
import { numbersMigration } from './002-numbers';
import { auditMigration } from './003-audit';
import { loaProfilesMigration } from './004-loa-profiles';
import { dropNumbersByBatchMigration } from './005-numbers-by-batch';
import { workspaceSettingsMigration } from './006-workspace-settings';
import { intakeDraftsMigration } from './007-intake-drafts';
import { readModelMigration } from './008-read-model';
import { loaJobCopiesMigration } from './009-loa-job-copies';

/** In order; the position is the version. Add the next file and append it here. */
export const MIGRATIONS: readonly Migration[] = [
  queueMigration,
  numbersMigration,
  auditMigration,
  loaProfilesMigration,
  dropNumbersByBatchMigration,
  workspaceSettingsMigration,
  intakeDraftsMigration,
  readModelMigration,
  loaJobCopiesMigration,
];
export const LATEST_SCHEMA = MIGRATIONS.length;
