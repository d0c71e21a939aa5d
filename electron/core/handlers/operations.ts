import { DeskFailure } from '../../../shared/contract';
import { QUALIFY_LIMIT } from '../../../shared/domain/limits';
import { jobSummary } from '../queue/job-views';
import { noteCount, recordInvoiceEmailed } from '../store/numbers';
import { type OperationStep, queueOperation, WRONG_CODE_NOTE } from '../sync';
import { operationSettingsOf } from '../workspaces/operation-settings';
import type { OpenWorkspace } from '../workspaces/workspaces';
import type { ConceptHandlers, EngineContext } from './context';

/**
 * `qualification.*`, `voice.*`, `importedNumbers.*`: single-number operations and qualification
 * outside a batch plan. Each queues its jobs (sync/actions.ts `queueOperation`) and answers with them;
 * the sync loop sends them like any other job.
 */
function operationQueue(ctx: EngineContext) {
  const queue = (steps: OperationStep[]) => {
    const ws = ctx.active();
    const { ids, created } = queueOperation(ws.db, ws.queue, ws.queueName, ctx.now(), steps);
    if (created) ctx.sessions.current()?.sync.wake();
    return { jobs: ids.map((id) => summaryOf(ws, id)) };
  };
  return queue;
}

const summaryOf = (ws: OpenWorkspace, id: number) => {
  const s = jobSummary(ws.db, id);
  if (!s) throw new DeskFailure('INTERNAL', `Job ${id} vanished right after it was queued.`);
  return s;
};

/** "Attempts left" as an estimate: the setting minus the wrong codes this workspace sent. */
function voiceAttempts(ws: OpenWorkspace, phoneNumber: string) {
  const allowed = operationSettingsOf(ws).voiceAttempts;
  const wrongCodes = noteCount(ws.db, phoneNumber, WRONG_CODE_NOTE);
  return { phoneNumber, wrongCodes, allowed, attemptsLeftEstimate: Math.max(0, allowed - wrongCodes) };
}

export function qualificationHandlers(ctx: EngineContext): ConceptHandlers<'qualification'> {
  const queue = operationQueue(ctx);
  return {
    'qualification.qualify': ({ intentId, numbers }) => {
      const unique = [...new Set(numbers)];
      const steps: OperationStep[] = [];
      for (let i = 0, n = 1; i < unique.length; i += QUALIFY_LIMIT, n++) {
        const chunk = unique.slice(i, i + QUALIFY_LIMIT);
        const add =
          steps.push({ task: 'qualifyNumbers', key: `${intentId}-q${n}`, payload: { numbers: chunk } }) - 1;
        steps.push({
          task: 'awaitQualification',
          key: `${intentId}-w${n}`,
          payload: { numbers: chunk },
          after: [add],
        });
      }
      return queue(steps);
    },
    'qualification.recordInvoice': ({ numbers, emailedOn, note }) => {
      const ws = ctx.active();
      // the e-mail went out that day; noon UTC keeps the date the same in every US/CA time zone
      const at = Date.parse(`${emailedOn}T12:00:00Z`);
      if (at > ctx.now() + 24 * 60 * 60_000)
        throw new DeskFailure('VALIDATION', 'The e-mail date is in the future.', [
          { path: 'emailedOn', message: 'Give the day the invoices were e-mailed (today or earlier).' },
        ]);
      const recorded = recordInvoiceEmailed(ws.db, numbers, at, note);
      if (recorded < numbers.length)
        throw new DeskFailure(
          'VALIDATION',
          `${numbers.length - recorded} of these numbers are unknown here: qualify them first.`,
          [{ path: 'numbers', message: 'Qualify the numbers first, then record the invoice e-mail.' }],
        );
      ctx.sessions.current()?.sync.wake();
      return { recorded, emailedOn };
    },
    'qualification.delete': ({ intentId, phoneNumber }) =>
      queue([{ task: 'deleteQualifiedNumber', key: `${intentId}-dq`, payload: { numbers: [phoneNumber] } }]),
  };
}

export function voiceHandlers(ctx: EngineContext): ConceptHandlers<'voice'> {
  const queue = operationQueue(ctx);
  const refuseWhenBlocked = (ws: OpenWorkspace, phoneNumber: string) => {
    const attempts = voiceAttempts(ws, phoneNumber);
    if (attempts.attemptsLeftEstimate === 0)
      throw new DeskFailure(
        'CONFLICT',
        `${phoneNumber} had ${attempts.wrongCodes} wrong codes: Sinch blocks verification after ${attempts.allowed}. Ask Sinch (orders@sinch.com) to verify it with invoices instead.`,
      );
  };
  return {
    'voice.send': ({ intentId, phoneNumber }) => {
      const ws = ctx.active();
      refuseWhenBlocked(ws, phoneNumber);
      const r = queue([
        { task: 'sendVoiceChallenge', key: `${intentId}-vs`, payload: { numbers: [phoneNumber] } },
      ]);
      return { ...r, attempts: voiceAttempts(ws, phoneNumber) };
    },
    'voice.verify': ({ intentId, phoneNumber, code }) => {
      const ws = ctx.active();
      refuseWhenBlocked(ws, phoneNumber);
      const r = queue([
        { task: 'verifyVoiceChallenge', key: `${intentId}-vv`, payload: { numbers: [phoneNumber], code } },
      ]);
      return { ...r, attempts: voiceAttempts(ws, phoneNumber) };
    },
    'voice.attempts': ({ phoneNumber }) => voiceAttempts(ctx.active(), phoneNumber),
  };
}

export function importedNumbersHandlers(ctx: EngineContext): ConceptHandlers<'importedNumbers'> {
  const queue = operationQueue(ctx);
  return {
    'importedNumbers.update': ({ intentId, phoneNumber, displayName, callbackUrl }) =>
      queue([
        {
          task: 'updateImportedNumber',
          key: `${intentId}-u`,
          payload: {
            numbers: [phoneNumber],
            update: {
              ...(displayName !== undefined ? { displayName } : {}),
              ...(callbackUrl !== undefined ? { callbackUrl } : {}),
            },
          },
        },
      ]),
    'importedNumbers.unlink': ({ intentId, phoneNumber }) =>
      queue([{ task: 'unlinkNumber', key: `${intentId}-u`, payload: { numbers: [phoneNumber] } }]),
    'importedNumbers.relink': ({ intentId, phoneNumber, servicePlanId, campaignId }) =>
      queue([
        { task: 'unlinkNumber', key: `${intentId}-u`, payload: { numbers: [phoneNumber] } },
        {
          task: 'linkNumber',
          key: `${intentId}-l`,
          payload: { numbers: [phoneNumber], servicePlanId, ...(campaignId ? { campaignId } : {}) },
          after: [0],
        },
      ]),
    'importedNumbers.delete': ({ intentId, phoneNumber }) =>
      queue([{ task: 'deleteImportedNumber', key: `${intentId}-d`, payload: { numbers: [phoneNumber] } }]),
  };
}
