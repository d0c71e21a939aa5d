import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackPayload } from '../../../shared/sinch';
import { type Db, openDatabase } from '../store/database';
import { migrate } from '../store/migrations';
import { MIGRATIONS } from '../store/migrations/index';
import {
  type ObservedOrderNumber,
  type OrderNumberDetail,
  observeOrder,
  observeOrderNumbers,
} from '../store/orders';
import { tempDir } from '../store/test-support';
import { foldCallback } from './callbacks';

/**
 * A callback's failure code for a number inside an order is kept whichever comes first — the callback
 * or the poll that sees the step fail — and no later poll (which carries no code) erases it.
 */
const ORDER = '01arz3nhyrtsv4rrffq69g5fav';
const PHONE = '+12025550901';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir('hd-callbacks-');
  cleanup = t.cleanup;
  db = openDatabase({ file: join(t.dir, 'desk.db'), key: null });
  migrate(db, MIGRATIONS);
  observeOrder(db, { remoteId: ORDER, kind: 'import', state: 'IN_PROGRESS' }, 1, { adopt: true });
});
afterEach(() => {
  db.close();
  cleanup();
});

const step = (state: string) => ({ state, code: null, message: null });
const seen = (platform: string, campaign: string): ObservedOrderNumber => ({
  phone: PHONE,
  steps: {
    osrUpdate: step('unspecified'),
    platformProvisioning: step(platform),
    campaignProvisioning: step(campaign),
  },
  carriers: {},
  outcome: campaign === 'failed' || platform === 'failed' ? 'failed' : null,
});
const callback = (eventType: CallbackPayload['eventType'], failureCode?: string): CallbackPayload =>
  ({
    resourceType: 'HOSTING_ORDER_NUMBER',
    eventType,
    eventId: `evt-${eventType}`,
    timestamp: '2026-01-05T09:00:00Z',
    projectId: 'p',
    resourceId: PHONE,
    status: 'FAILED',
    ...(failureCode ? { failureCode } : {}),
  }) as CallbackPayload;

const detail = () =>
  JSON.parse(
    db.prepare('SELECT detail FROM order_numbers WHERE phone = ?').pluck().get(PHONE) as string,
  ) as OrderNumberDetail;
const failedRows = () =>
  db
    .prepare(`SELECT step, code FROM number_steps WHERE phone = ? AND state = 'failed' ORDER BY id`)
    .all(PHONE);

describe('failure codes from callbacks', () => {
  it('callback first: the poll that then sees the step fail keeps the code, and so do later polls', () => {
    observeOrderNumbers(db, ORDER, [seen('done', 'in-progress')], 2);
    expect(foldCallback(db, callback('LINK_TO_10DLC_CAMPAIGN', 'CAMPAIGN_EXPIRED'), 3)).toEqual({
      orderIds: [ORDER],
      phones: [PHONE],
    });
    observeOrderNumbers(db, ORDER, [seen('done', 'failed')], 4);
    observeOrderNumbers(db, ORDER, [seen('done', 'failed')], 5);
    expect(detail().steps.campaignProvisioning).toMatchObject({ state: 'failed', code: 'CAMPAIGN_EXPIRED' });
    expect(failedRows()).toEqual([{ step: 'campaignProvisioning', code: 'CAMPAIGN_EXPIRED' }]);
  });

  it('poll first: the step and its history row get the code when the callback comes', () => {
    observeOrderNumbers(db, ORDER, [seen('done', 'failed')], 2);
    expect(failedRows()).toEqual([{ step: 'campaignProvisioning', code: null }]);
    foldCallback(db, callback('LINK_TO_10DLC_CAMPAIGN', 'CAMPAIGN_EXPIRED'), 3);
    expect(detail().steps.campaignProvisioning.code).toBe('CAMPAIGN_EXPIRED');
    expect(failedRows()).toEqual([{ step: 'campaignProvisioning', code: 'CAMPAIGN_EXPIRED' }]);
    // the number's overall outcome repeats the code: a step's code is never replaced
    expect(foldCallback(db, callback('HOSTING_PROCESS', 'INSUFFICIENT_BALANCE'), 4)).toBeNull();
    expect(detail().steps.campaignProvisioning.code).toBe('CAMPAIGN_EXPIRED');
  });

  it('the overall outcome (HOSTING_PROCESS) codes the step that failed: SMS-platform results carry none', () => {
    observeOrderNumbers(db, ORDER, [seen('failed', 'unspecified')], 2);
    expect(foldCallback(db, callback('PROVISIONING_TO_SMS_PLATFORM'), 3)).toBeNull();
    foldCallback(db, callback('HOSTING_PROCESS', 'NUMBER_PROVISIONING_FAILED'), 4);
    expect(detail().steps.platformProvisioning.code).toBe('NUMBER_PROVISIONING_FAILED');
  });

  it('ignores what carries no code for an order: successes, imported numbers, unknown numbers', () => {
    observeOrderNumbers(db, ORDER, [seen('done', 'in-progress')], 2);
    const ok = { ...callback('LINK_TO_10DLC_CAMPAIGN'), status: 'SUCCEEDED' } as CallbackPayload;
    expect(foldCallback(db, ok, 3)).toBeNull();
    const imported = {
      ...callback('LINK_TO_10DLC_CAMPAIGN', 'CAMPAIGN_EXPIRED'),
      resourceType: 'IMPORTED_NUMBER',
    } as CallbackPayload;
    expect(foldCallback(db, imported, 3)).toBeNull();
    const stranger = {
      ...callback('LINK_TO_10DLC_CAMPAIGN', 'CAMPAIGN_EXPIRED'),
      resourceId: '+12025550999',
    };
    expect(foldCallback(db, stranger, 3)).toBeNull();
    expect(detail().steps.campaignProvisioning.code).toBeNull();
  });
});
