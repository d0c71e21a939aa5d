import type { Migration } from '../migrations';
import { queueMigration } from './001-queue';
import { numbersMigration } from './002-numbers';
import { auditMigration } from './003-audit';

/** In order; the position is the version. Add the next file and append it here. */
export const MIGRATIONS: readonly Migration[] = [queueMigration, numbersMigration, auditMigration];
export const LATEST_SCHEMA = MIGRATIONS.length;
