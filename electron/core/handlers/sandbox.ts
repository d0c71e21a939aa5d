import { DeskFailure } from '../../../shared/contract';
import { ControlError, type RunningSimulator, type Settings } from '../../sandbox';
import { FAULT_PRESETS } from '../simulator-host/faults';
import { clearWorkspaceWork } from '../workspaces/clear-work';
import type { ConceptHandlers, EngineContext } from './context';

/** "Auto-sign on": the simulated customer signs an LOA this long after it went out. */
const AUTO_SIGN_AFTER_MS = 10 * 60_000;
const STEP_WORDS = {
  osr: 'OSR update',
  platform: 'SMS platform provisioning',
  campaign: '10DLC campaign link',
} as const;

const settingsView = (s: Settings) => {
  const budget = s.oauthRatePerSecond ?? s.basicRatePerSecond;
  const review = s.qualificationReviewBusinessDays;
  return {
    autoSignLoa: s.autoSignLoaMs !== null,
    qualificationReviewBusinessDays: review,
    requestBudgetPerSecond: budget,
    detail: [
      s.autoSignLoaMs !== null ? 'The customer signs LOAs by himself.' : 'LOAs wait for your signature.',
      review === null
        ? 'Qualifications wait until you approve or reject them.'
        : `Sinch approves an undecided qualification after ${review} business day${review === 1 ? '' : 's'}.`,
      budget === null ? 'No request limit.' : `Over ${budget} requests per second Sinch answers 429.`,
    ].join(' '),
  };
};

/**
 * The contract's Sandbox controls. They exist only while the Sandbox is open (ROADMAP): on a Live
 * workspace every one answers CONFLICT, because real Sinch has no such buttons.
 */
export function sandboxHandlers(ctx: EngineContext): ConceptHandlers<'sandbox'> {
  const deps = {
    simulator: () => ctx.simulator.host()?.simulator ?? null,
    isSandboxOpen: () => ctx.workspaces.activeProfile().kind === 'sandbox',
    /** something changed remotely: let the sync loop look now (resource = phone or order id) */
    changed: (resource?: string) => ctx.sessions.hint(resource),
  };
  const sim = (): RunningSimulator => {
    if (!deps.isSandboxOpen())
      throw new DeskFailure(
        'CONFLICT',
        'Sandbox controls work only in the Sandbox workspace; a Live workspace talks to the real Sinch.',
      );
    const running = deps.simulator();
    if (!running)
      throw new DeskFailure('CONFLICT', 'The Sandbox simulator is not running; the status page says why.');
    return running;
  };
  const control = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ControlError)
        throw new DeskFailure(
          error.status === 404 ? 'NOT_FOUND' : error.status === 409 ? 'CONFLICT' : 'VALIDATION',
          error.message,
        );
      throw error;
    }
  };
  const done = (s: RunningSimulator, detail: string, state?: string) => ({
    detail,
    simulatedNow: s.control.now(),
    ...(state ? { state } : {}),
  });

  return {
    'sandbox.signLoa': ({ hostingOrderId }) => {
      const s = sim();
      const order = control(() => s.control.signLoa(hostingOrderId));
      deps.changed(hostingOrderId);
      return done(s, `The LOA of order ${hostingOrderId} is signed; provisioning starts.`, order.state);
    },
    'sandbox.refuseLoa': ({ hostingOrderId, reason }) => {
      const s = sim();
      const order = control(() => s.control.refuseLoa(hostingOrderId, reason));
      deps.changed(hostingOrderId);
      return done(s, `The LOA of order ${hostingOrderId} was refused; the order is rejected.`, order.state);
    },
    'sandbox.approveQualification': ({ phoneNumber, requireVerification }) => {
      const s = sim();
      const q = control(() => s.control.approveQualification(phoneNumber, { requireVerification }));
      deps.changed(phoneNumber);
      return done(
        s,
        requireVerification
          ? `${phoneNumber} qualifies once its voice verification succeeds.`
          : `${phoneNumber} is eligible for text-enablement.`,
        q.globalProcessState,
      );
    },
    'sandbox.rejectQualification': ({ phoneNumber, reason }) => {
      const s = sim();
      const q = control(() => s.control.rejectQualification(phoneNumber, reason ? { reason } : {}));
      deps.changed(phoneNumber);
      return done(s, `${phoneNumber} is not eligible.`, q.globalProcessState);
    },
    'sandbox.voiceCode': ({ phoneNumber }) => {
      const s = sim();
      const code = control(() => s.control.voiceCode(phoneNumber));
      return {
        phoneNumber,
        code,
        detail: code
          ? `The simulated voice call to ${phoneNumber} reads out ${code}.`
          : `No voice challenge was sent to ${phoneNumber} yet.`,
      };
    },
    'sandbox.advanceClock': ({ minutes }) => {
      const s = sim();
      s.control.advance(minutes * 60_000);
      deps.changed();
      return done(s, `The simulated Sinch moved ${minutes} minute${minutes === 1 ? '' : 's'} ahead.`);
    },
    'sandbox.setFaults': ({ preset }) => {
      const s = sim();
      s.control.setFaults(FAULT_PRESETS[preset].profile);
      return { preset, detail: FAULT_PRESETS[preset].detail };
    },
    'sandbox.configure': (input) => {
      const s = sim();
      const patch: Partial<Settings> = {};
      if (input.autoSignLoa !== undefined)
        patch.autoSignLoaMs = input.autoSignLoa ? AUTO_SIGN_AFTER_MS : null;
      if (input.qualificationReviewBusinessDays !== undefined)
        patch.qualificationReviewBusinessDays = input.qualificationReviewBusinessDays;
      if (input.requestBudgetPerSecond !== undefined) {
        patch.basicRatePerSecond = input.requestBudgetPerSecond;
        patch.oauthRatePerSecond = input.requestBudgetPerSecond;
      }
      const now = control(() => s.control.configure(patch));
      deps.changed();
      return settingsView(now);
    },
    'sandbox.injectFailure': ({ phoneNumber, step, failureCode }) => {
      const s = sim();
      control(() => s.control.injectFailure(phoneNumber, step, failureCode));
      return {
        detail: `The ${STEP_WORDS[step]} of ${phoneNumber} will fail in the next order that carries it${failureCode ? ` (${failureCode})` : ''}.`,
      };
    },
    'sandbox.createRequests': ({ phoneNumber, withBodies }) => {
      const { control } = sim();
      const records = control.createRequests(phoneNumber);
      const requests = records.map((r) => ({
        at: r.at,
        operation: r.operation,
        phoneNumber: r.phoneNumber,
        outcome: r.outcome,
        httpStatus: r.httpStatus,
        ...(r.hostingOrderId ? { hostingOrderId: r.hostingOrderId } : {}),
        requestId: r.requestId,
      }));
      if (!withBodies) return { requests };
      const ids = [...new Set(records.map((r) => r.requestId))];
      return {
        requests,
        bodies: Object.fromEntries(ids.map((id) => [String(id), control.createRequestBody(id)])),
      };
    },
    'sandbox.reset': () => {
      sim(); // CONFLICT on Live or without a simulator, before sending is touched
      // Sending pauses while both sides forget (in-flight requests finish first); the session then
      // restarts with a new client, so the next send gets a token from the reset simulator, and the
      // callback secret is configured again.
      return ctx.sessions.serial(() =>
        ctx.sessions.suspended((ws) => {
          const s = sim();
          s.control.reset();
          clearWorkspaceWork(ws);
          ctx.emit('jobs.changed', { ids: [], counts: ws.queue.counts() });
          return done(
            s,
            'The Sandbox starts over: the simulated Sinch and this workspace forgot every number, order and job. LOA profiles and settings stay.',
          );
        }),
      );
    },
  };
}
