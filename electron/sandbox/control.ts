import { iso } from './clock';
import {
  type CallbackRec,
  type CreateRequestRec,
  FAILURE_CODES,
  type HostingOrderRec,
  type InjectedFailure,
  type QualifiedNumberRec,
} from './model';
import type { RequestStats, Sandbox } from './sandbox';
import type { FaultProfile, Settings } from './settings';
import { hostingOrder, qualifiedNumber } from './wire';

/** A control-surface refusal (unknown order, wrong state…): HTTP answers `{ error }` with this status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type NumberHistory = { phoneNumber: string; requests: CreateRequestRec[]; orders: string[] };

/** What tests and the app's Sandbox workspace may do to the simulated Sinch (same as `/_sandbox/...`). */
export type SimulatorControl = {
  now(): string;
  advance(ms: number): { now: string };
  signLoa(hostingOrderId: string): ReturnType<typeof hostingOrder>;
  refuseLoa(hostingOrderId: string, reason?: string): ReturnType<typeof hostingOrder>;
  approveQualification(
    phoneNumber: string,
    opts?: { requireVerification?: boolean; projectId?: string },
  ): ReturnType<typeof qualifiedNumber>;
  rejectQualification(
    phoneNumber: string,
    opts?: { reason?: string; projectId?: string },
  ): ReturnType<typeof qualifiedNumber>;
  voiceCode(phoneNumber: string, projectId?: string): string | null;
  setFaults(profile: FaultProfile): FaultProfile;
  faults(): FaultProfile;
  createRequests(phoneNumber?: string): CreateRequestRec[];
  /** the parsed JSON body of a create request (`requestId` of its records) as the simulator received it */
  createRequestBody(requestId: number): unknown;
  numberHistory(phoneNumber: string): NumberHistory;
  injectFailure(phoneNumber: string, step: InjectedFailure['step'], failureCode?: string): void;
  configure(settings: Partial<Settings>): Settings;
  settings(): Settings;
  expireTokens(): { expired: number };
  addProject(project: { projectId: string; keyId: string; keySecret: string }): void;
  /** API requests received per operationId and status, since start or the last reset. */
  requestStats(): RequestStats;
  callbacks(): CallbackRec[];
  flushCallbacks(): Promise<void>;
  reset(): void;
};

export function createControl(sb: Sandbox): SimulatorControl {
  const write = <T>(fn: () => T): T => {
    sb.catchUp();
    return sb.store.transaction(fn);
  };

  const order = (id: string): HostingOrderRec => {
    const o = sb.order(id);
    if (!o) throw new ControlError(404, `No hosting order ${id}`);
    return o;
  };

  const qualified = (phoneNumber: string, projectId?: string): QualifiedNumberRec => {
    const matches = sb
      .projects()
      .filter((p) => projectId === undefined || p.projectId === projectId)
      .map((p) => sb.qualifiedNumber(p.projectId, phoneNumber))
      .filter((q): q is QualifiedNumberRec => q !== undefined);
    const q = matches[0];
    if (!q) throw new ControlError(404, `No qualified number ${phoneNumber}`);
    if (matches.length > 1)
      throw new ControlError(400, `${phoneNumber} exists in several projects: pass projectId`);
    return q;
  };

  const pendingLoa = (id: string): HostingOrderRec => {
    const o = order(id);
    if (o.state === 'SUBMITTED' && (o.loa === 'direct' || o.loa === 'reseller')) {
      // Signing before the LOA e-mail "went out" is allowed: the order skips straight past the wait.
      return o;
    }
    if (o.state !== 'WAITING_FOR_LOA_SIGNATURE') {
      throw new ControlError(409, `Hosting order ${id} is ${o.state}, not waiting for an LOA signature`);
    }
    return o;
  };

  const pendingQualification = (phoneNumber: string, projectId?: string): QualifiedNumberRec => {
    const q = qualified(phoneNumber, projectId);
    if (q.globalProcessState !== 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING') {
      throw new ControlError(409, `${phoneNumber} is ${q.globalProcessState}, not pending qualification`);
    }
    return q;
  };

  return {
    now: () => iso(sb.clock.now()),
    advance(ms) {
      sb.advance(ms);
      return { now: iso(sb.clock.now()) };
    },
    signLoa: (id) =>
      write(() => {
        const o = pendingLoa(id);
        sb.startProcessing(o);
        return hostingOrder(o);
      }),
    refuseLoa: (id, reason) =>
      write(() => {
        const o = pendingLoa(id);
        sb.rejectOrder(o, reason ?? 'The LOA was refused');
        return hostingOrder(o);
      }),
    approveQualification: (phoneNumber, opts = {}) =>
      write(() => {
        const q = pendingQualification(phoneNumber, opts.projectId);
        sb.decideQualification(q, { eligible: true, requireVerification: opts.requireVerification === true });
        return qualifiedNumber(q);
      }),
    rejectQualification: (phoneNumber, opts = {}) =>
      write(() => {
        const q = pendingQualification(phoneNumber, opts.projectId);
        sb.decideQualification(q, {
          eligible: false,
          requireVerification: false,
          ...(opts.reason ? { reason: opts.reason } : {}),
        });
        return qualifiedNumber(q);
      }),
    voiceCode: (phoneNumber, projectId) => qualified(phoneNumber, projectId).voiceCode,
    setFaults(profile) {
      sb.setFaults(profile);
      return sb.faults;
    },
    faults: () => sb.faults,
    createRequests: (phoneNumber) => sb.createRequests(phoneNumber),
    createRequestBody: (requestId) => sb.createRequestBody(requestId),
    numberHistory: (phoneNumber) => ({
      phoneNumber,
      requests: sb.createRequests(phoneNumber),
      orders: sb.ordersContaining(phoneNumber),
    }),
    injectFailure(phoneNumber, step, failureCode) {
      if (!['osr', 'platform', 'campaign'].includes(step)) {
        throw new ControlError(400, 'step must be osr, platform or campaign');
      }
      const code =
        failureCode ??
        (step === 'platform'
          ? 'NUMBER_PROVISIONING_FAILED'
          : step === 'osr'
            ? 'INVALID_NNID'
            : 'CAMPAIGN_PROVISIONING_FAILED');
      if (!(FAILURE_CODES as readonly string[]).includes(code))
        throw new ControlError(400, `Unknown failure code ${code}`);
      write(() => sb.injectFailure(phoneNumber, { step, failureCode: code }));
    },
    configure: (settings) => write(() => sb.configure(settings)),
    settings: () => sb.settings,
    expireTokens: () => ({ expired: sb.expireTokens() }),
    addProject: (p) =>
      write(() => sb.putProject({ ...p, hmacSecret: sb.project(p.projectId)?.hmacSecret ?? '' })),
    requestStats: () => sb.requestStats(),
    callbacks: () => sb.callbacks(),
    flushCallbacks: () => sb.flushCallbacks(),
    reset: () => sb.reset(),
  };
}
