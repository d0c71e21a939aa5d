import { createHmac } from 'node:crypto';
import { type ClockMode, iso, SimClock } from './clock';
import { DocStore } from './db';
import { DueQueue } from './due-queue';
import {
  type AccessToken,
  CARRIERS,
  type CallbackRec,
  type Carrier,
  type CreateOperation,
  type CreateRequestRec,
  type HostingOrderRec,
  type ImportedNumberRec,
  type InjectedFailure,
  type OrderNumberRec,
  type Project,
  type ProvisioningRec,
  type QualifiedNumberRec,
  type StepState,
} from './model';
import { Prng, ulidLike } from './prng';
import { DEFAULT_SETTINGS, type FaultProfile, type Settings } from './settings';

export type SandboxOptions = {
  dbFile?: string;
  /** Path of the better-sqlite3 addon to load (inside Electron, the one built for its ABI). */
  nativeBinding?: string;
  clock?: ClockMode;
  seed?: number;
  projects?: { projectId: string; keyId: string; keySecret: string }[];
  settings?: Partial<Settings>;
  onLog?: (line: string) => void;
  /** Used for callback deliveries (tests may substitute it). */
  fetch?: typeof fetch;
};

/** Obviously fake demo credentials (never real keys). */
export const DEMO_PROJECT = {
  projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5',
  keyId: 'sandbox-key-id-0000',
  keySecret: 'fake-key-secret-0000',
};

export const SINCH_NNID = '104029';

const KIND = {
  project: 'project',
  token: 'token',
  imported: 'importedNumber',
  qualified: 'qualifiedNumber',
  order: 'hostingOrder',
  orderNumber: 'orderNumber',
  failure: 'failure',
  create: 'createRequest',
  createBody: 'createRequestBody',
  callback: 'callback',
} as const;

type DueKind = 'in' | 'qn' | 'ho' | 'cb';

/** API requests received per operationId: total and per HTTP status ("0" = never answered). */
export type RequestStats = Record<string, { total: number; byStatus: Record<string, number> }>;

/**
 * The simulated Sinch back office: every record, the state machines of REFERENCE §7 on a simulated clock,
 * callback delivery (§8), and what the control surface may change. HTTP lives in server.ts/api.ts.
 */
export class Sandbox {
  readonly store: DocStore;
  readonly clock: SimClock;
  settings: Settings;
  faults: FaultProfile = {};
  faultPrng: Prng;
  readonly seed: number;
  private readonly ids: Prng;
  private readonly due = new DueQueue();
  /** While the machines run, the simulated time of the transition being applied. */
  private cursor: number | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private readonly fetchImpl: typeof fetch;
  /** Where the simulator reports what it does (requests, given-up callbacks); never secrets. */
  readonly log: (line: string) => void;
  private closed = false;

  constructor(opts: SandboxOptions = {}) {
    this.store = new DocStore(opts.dbFile, opts.nativeBinding);
    this.seed = (opts.seed ?? Number(this.store.meta('seed') ?? 1)) >>> 0;
    this.store.setMeta('seed', String(this.seed));
    const savedNow = this.store.meta('simNow');
    this.clock = new SimClock(opts.clock ?? 'manual', savedNow ? Number(savedNow) : Date.now());
    const savedSettings = this.store.meta('settings');
    this.settings = {
      ...DEFAULT_SETTINGS,
      ...(savedSettings ? (JSON.parse(savedSettings) as Partial<Settings>) : {}),
      ...opts.settings,
    };
    this.saveSettings();
    this.ids = new Prng(Number(this.store.meta('idState') ?? this.seed ^ 0x9e3779b9));
    this.faultPrng = new Prng(this.seed);
    this.fetchImpl = opts.fetch ?? fetch;
    this.log = opts.onLog ?? (() => {});
    const projects = opts.projects ?? (this.store.all(KIND.project).length === 0 ? [DEMO_PROJECT] : []);
    for (const p of projects)
      this.putProject({ ...p, hmacSecret: this.project(p.projectId)?.hmacSecret ?? '' });
    this.rebuildDue();
  }

  // ---- time -------------------------------------------------------------------------------------------

  now(): number {
    return this.cursor ?? this.clock.now();
  }

  /** Applies every transition due up to the clock's current time, in time order. */
  catchUp(): void {
    const target = this.clock.now();
    this.store.transaction(() => {
      for (let next = this.due.popDue(target); next; next = this.due.popDue(target)) {
        this.cursor = next[0];
        this.process(next[1]);
      }
      this.cursor = null;
      this.store.setMeta('simNow', String(target));
      this.store.setMeta('idState', String(this.ids.snapshot));
    });
  }

  advance(ms: number): void {
    this.clock.advance(ms);
    this.catchUp();
  }

  private schedule(kind: DueKind, key: string, at: number | null): void {
    this.due.set(`${kind}|${key}`, at);
  }

  private rebuildDue(): void {
    this.due.clear();
    for (const n of this.store.all<ImportedNumberRec>(KIND.imported)) {
      this.schedule('in', `${n.projectId} ${n.phoneNumber}`, n.nextAt);
    }
    for (const q of this.store.all<QualifiedNumberRec>(KIND.qualified)) {
      this.schedule('qn', `${q.projectId} ${q.phoneNumber}`, q.decideAt);
    }
    for (const o of this.store.all<HostingOrderRec>(KIND.order))
      this.schedule('ho', o.hostingOrderId, o.nextAt);
    for (const c of this.store.all<CallbackRec>(KIND.callback)) {
      if (c.state === 'PENDING') this.schedule('cb', c.id, c.nextAt);
    }
  }

  private process(id: string): void {
    const sep = id.indexOf('|');
    const kind = id.slice(0, sep) as DueKind;
    const key = id.slice(sep + 1);
    if (kind === 'in') {
      const n = this.store.get<ImportedNumberRec>(KIND.imported, key);
      if (n) this.stepImportedNumber(n);
    } else if (kind === 'qn') {
      const q = this.store.get<QualifiedNumberRec>(KIND.qualified, key);
      if (q?.globalProcessState === 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING') {
        this.decideQualification(q, { eligible: true, requireVerification: false });
      }
    } else if (kind === 'ho') {
      const o = this.store.get<HostingOrderRec>(KIND.order, key);
      if (o) this.stepOrder(o);
    } else {
      const c = this.store.get<CallbackRec>(KIND.callback, key);
      if (c?.state === 'PENDING') this.deliver(c);
    }
  }

  newId(): string {
    return ulidLike(this.now(), this.ids);
  }

  get idPrng(): Prng {
    return this.ids;
  }

  // ---- projects, tokens, settings ------------------------------------------------------------------------

  project(projectId: string): Project | undefined {
    return this.store.get<Project>(KIND.project, projectId);
  }

  projects(): Project[] {
    return this.store.all<Project>(KIND.project);
  }

  putProject(p: Project): void {
    this.store.put(KIND.project, p.projectId, p);
  }

  projectsForKey(keyId: string): Project[] {
    return this.projects().filter((p) => p.keyId === keyId);
  }

  issueToken(keyId: string): AccessToken {
    const token = `sbx.${this.newId()}${this.newId()}`;
    const rec = { token, keyId, expiresAtReal: Date.now() + this.settings.tokenTtlSeconds * 1000 };
    this.store.put(KIND.token, token, rec);
    return rec;
  }

  token(token: string): AccessToken | undefined {
    return this.store.get<AccessToken>(KIND.token, token);
  }

  expireTokens(): number {
    const tokens = this.store.all<AccessToken>(KIND.token);
    for (const t of tokens) this.store.put(KIND.token, t.token, { ...t, expiresAtReal: 0 });
    return tokens.length;
  }

  expireToken(token: string): void {
    const t = this.token(token);
    if (t) this.store.put(KIND.token, token, { ...t, expiresAtReal: 0 });
  }

  configure(patch: Partial<Settings>): Settings {
    this.settings = { ...this.settings, ...patch };
    this.saveSettings();
    return this.settings;
  }

  private saveSettings(): void {
    this.store.setMeta('settings', JSON.stringify(this.settings));
  }

  setFaults(profile: FaultProfile): void {
    this.faults = { ...profile };
    this.faultPrng = new Prng(profile.seed ?? this.seed);
  }

  // ---- records ---------------------------------------------------------------------------------------------

  importedNumber(projectId: string, phone: string): ImportedNumberRec | undefined {
    return this.store.get<ImportedNumberRec>(KIND.imported, `${projectId} ${phone}`);
  }
  importedNumbers(projectId: string): ImportedNumberRec[] {
    return this.store.all<ImportedNumberRec>(KIND.imported).filter((n) => n.projectId === projectId);
  }
  saveImportedNumber(n: ImportedNumberRec): void {
    this.store.put(KIND.imported, `${n.projectId} ${n.phoneNumber}`, n);
    this.schedule('in', `${n.projectId} ${n.phoneNumber}`, n.nextAt);
  }
  deleteImportedNumber(n: ImportedNumberRec): void {
    this.store.delete(KIND.imported, `${n.projectId} ${n.phoneNumber}`);
    this.schedule('in', `${n.projectId} ${n.phoneNumber}`, null);
  }

  qualifiedNumber(projectId: string, phone: string): QualifiedNumberRec | undefined {
    return this.store.get<QualifiedNumberRec>(KIND.qualified, `${projectId} ${phone}`);
  }
  qualifiedNumbers(projectId: string): QualifiedNumberRec[] {
    return this.store.all<QualifiedNumberRec>(KIND.qualified).filter((q) => q.projectId === projectId);
  }
  saveQualifiedNumber(q: QualifiedNumberRec): void {
    this.store.put(KIND.qualified, `${q.projectId} ${q.phoneNumber}`, q);
    this.schedule('qn', `${q.projectId} ${q.phoneNumber}`, q.decideAt);
  }
  deleteQualifiedNumber(q: QualifiedNumberRec): void {
    this.store.delete(KIND.qualified, `${q.projectId} ${q.phoneNumber}`);
    this.schedule('qn', `${q.projectId} ${q.phoneNumber}`, null);
  }

  order(hostingOrderId: string): HostingOrderRec | undefined {
    return this.store.get<HostingOrderRec>(KIND.order, hostingOrderId);
  }
  orders(projectId?: string): HostingOrderRec[] {
    const all = this.store.all<HostingOrderRec>(KIND.order);
    return projectId === undefined ? all : all.filter((o) => o.projectId === projectId);
  }
  saveOrder(o: HostingOrderRec): void {
    this.store.put(KIND.order, o.hostingOrderId, o);
    this.schedule('ho', o.hostingOrderId, o.nextAt);
  }
  orderNumber(hostingOrderId: string, phone: string): OrderNumberRec | undefined {
    return this.store.get<OrderNumberRec>(KIND.orderNumber, `${hostingOrderId} ${phone}`);
  }
  orderNumbers(o: HostingOrderRec): OrderNumberRec[] {
    return o.numbers
      .map((p) => this.orderNumber(o.hostingOrderId, p))
      .filter((n): n is OrderNumberRec => n !== undefined);
  }
  saveOrderNumber(n: OrderNumberRec): void {
    this.store.put(KIND.orderNumber, `${n.hostingOrderId} ${n.phoneNumber}`, n);
  }

  /** A number is "in flight" while an order holding it is not finished (import orders and text-enables). */
  openOrderFor(projectId: string, phone: string): HostingOrderRec | undefined {
    return this.orders(projectId).find(
      (o) => o.state !== 'COMPLETED' && o.state !== 'REJECTED' && o.numbers.includes(phone),
    );
  }

  // ---- request statistics (for budgets and "minimal calls" checks) ---------------------------------------

  private readonly stats = new Map<string, Map<number, number>>();

  /** Counts one API request by operationId and HTTP status (0 = never answered: timeout or reset). */
  countRequest(operationId: string, status: number): void {
    const byStatus = this.stats.get(operationId) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.stats.set(operationId, byStatus);
  }

  requestStats(): RequestStats {
    const out: RequestStats = {};
    for (const [name, byStatus] of this.stats) {
      let total = 0;
      const counts: Record<string, number> = {};
      for (const [status, n] of byStatus) {
        counts[String(status)] = n;
        total += n;
      }
      out[name] = { total, byStatus: counts };
    }
    return out;
  }

  // ---- create-request log ---------------------------------------------------------------------------------

  logCreate(
    operation: CreateOperation,
    projectId: string,
    numbers: string[],
    outcome: 'ACCEPTED' | 'REFUSED',
    httpStatus: number,
    extra: { hostingOrderId?: string; reason?: string; body?: unknown } = {},
  ): void {
    let seq = Number(this.store.meta('createSeq') ?? 0);
    const { body, ...rest } = extra;
    // the body once per request, not per number (an import order carries up to thousands of numbers)
    const requestId = seq + 1;
    if (body !== undefined) this.store.put(KIND.createBody, String(requestId).padStart(12, '0'), { body });
    for (const phoneNumber of numbers) {
      seq += 1;
      const rec: CreateRequestRec = {
        seq,
        requestId,
        at: iso(this.now()),
        operation,
        projectId,
        phoneNumber,
        outcome,
        httpStatus,
        ...rest,
      };
      this.store.put(KIND.create, String(seq).padStart(12, '0'), rec);
    }
    this.store.setMeta('createSeq', String(seq));
  }

  createRequests(phoneNumber?: string): CreateRequestRec[] {
    const all = this.store.all<CreateRequestRec>(KIND.create).sort((a, b) => a.seq - b.seq);
    return phoneNumber === undefined ? all : all.filter((r) => r.phoneNumber === phoneNumber);
  }

  /** The parsed JSON body of a create request as it arrived (undefined when it had none). */
  createRequestBody(requestId: number): unknown {
    return this.store.get<{ body: unknown }>(KIND.createBody, String(requestId).padStart(12, '0'))?.body;
  }

  ordersContaining(phoneNumber: string): string[] {
    return this.orders()
      .filter((o) => o.numbers.includes(phoneNumber))
      .sort((a, b) => a.createdTime - b.createdTime)
      .map((o) => o.hostingOrderId);
  }

  // ---- failure injection --------------------------------------------------------------------------------

  injectFailure(phoneNumber: string, failure: InjectedFailure): void {
    this.store.put(KIND.failure, `${phoneNumber} ${failure.step}`, failure);
  }

  /** One-shot: a retry after a failure succeeds unless a new failure is injected. */
  private takeFailure(phoneNumber: string, step: InjectedFailure['step']): InjectedFailure | undefined {
    const f = this.store.get<InjectedFailure>(KIND.failure, `${phoneNumber} ${step}`);
    if (f) this.store.delete(KIND.failure, `${phoneNumber} ${step}`);
    return f;
  }

  // ---- imported number provisioning (REFERENCE §7.5) -----------------------------------------------------

  newProvisioning(type: ProvisioningRec['type'], serviceId: string, state: StepState): ProvisioningRec {
    return { type, serviceId, state, updateTime: this.now(), errorCode: '', errorMessage: '' };
  }

  carriers(state: StepState, operation: ProvisioningRec['type'] | 'OPERATION_UNSPECIFIED') {
    const t = this.now();
    const out = {} as ImportedNumberRec['carriers'];
    for (const c of CARRIERS) out[c] = { state, errorCode: '', errorMessage: '', updateTime: t, operation };
    return out;
  }

  private stepImportedNumber(n: ImportedNumberRec): void {
    const t = this.now();
    const step = this.settings.stepMs;
    const campaignPending = () => n.campaign.state === 'WAITING' || n.campaign.state === 'IN_PROGRESS';
    n.updatedTime = t;
    n.nextAt = null;
    if (n.sms.state === 'WAITING') {
      n.sms = { ...n.sms, state: 'IN_PROGRESS', updateTime: t };
      n.carriers = this.carriers('IN_PROGRESS', n.sms.type);
      n.nextAt = t + step;
    } else if (n.sms.state === 'IN_PROGRESS') {
      const failure = n.sms.type === 'PROVISIONING' ? this.takeFailure(n.phoneNumber, 'platform') : undefined;
      const eventType =
        n.sms.type === 'PROVISIONING' ? 'PROVISIONING_TO_SMS_PLATFORM' : 'DEPROVISIONING_TO_SMS_PLATFORM';
      if (failure) {
        n.sms = {
          ...n.sms,
          state: 'FAILED',
          updateTime: t,
          errorCode: failure.failureCode,
          errorMessage: 'Provisioning to the SMS platform failed',
        };
        if (campaignPending()) n.campaign = { ...n.campaign, state: 'STATE_UNSPECIFIED', updateTime: t };
        n.carriers = this.carriers('FAILED', n.sms.type);
        n.lastJobFailed = true;
        this.event(n.projectId, n.callbackUrl, 'IMPORTED_NUMBER', eventType, n.phoneNumber, 'FAILED');
      } else {
        n.sms = { ...n.sms, state: 'DONE', updateTime: t };
        this.event(n.projectId, n.callbackUrl, 'IMPORTED_NUMBER', eventType, n.phoneNumber, 'SUCCEEDED');
        if (campaignPending()) n.nextAt = t + Math.round(step / 5);
        else this.finishCarriers(n);
      }
    } else if (n.campaign.state === 'WAITING') {
      n.campaign = { ...n.campaign, state: 'IN_PROGRESS', updateTime: t };
      n.nextAt = t + step;
    } else if (n.campaign.state === 'IN_PROGRESS') {
      const failure =
        n.campaign.type === 'PROVISIONING' ? this.takeFailure(n.phoneNumber, 'campaign') : undefined;
      const eventType =
        n.campaign.type === 'PROVISIONING' ? 'LINK_TO_10DLC_CAMPAIGN' : 'UNLINK_TO_10DLC_CAMPAIGN';
      if (failure) {
        n.campaign = {
          ...n.campaign,
          state: 'FAILED',
          updateTime: t,
          errorCode: failure.failureCode,
          errorMessage: failure.failureCode,
        };
        n.lastJobFailed = true;
        this.event(
          n.projectId,
          n.callbackUrl,
          'IMPORTED_NUMBER',
          eventType,
          n.phoneNumber,
          'FAILED',
          failure.failureCode,
        );
      } else {
        n.campaign = { ...n.campaign, state: 'DONE', updateTime: t };
        this.event(n.projectId, n.callbackUrl, 'IMPORTED_NUMBER', eventType, n.phoneNumber, 'SUCCEEDED');
      }
      this.finishCarriers(n);
    }
    this.saveImportedNumber(n);
  }

  private finishCarriers(n: ImportedNumberRec): void {
    n.carriers = this.carriers('DONE', n.sms.type);
  }

  // ---- qualified numbers (REFERENCE §7.2) -----------------------------------------------------------------

  decideQualification(
    q: QualifiedNumberRec,
    decision: { eligible: boolean; requireVerification: boolean; reason?: string },
  ): void {
    const t = this.now();
    q.decideAt = null;
    q.updatedTime = t;
    if (decision.eligible) {
      q.globalProcessState = 'GLOBAL_PROCESS_STATE_ELIGIBLE';
      q.osrEligibility = { status: 'DONE', error: '' };
      q.requireVerification = decision.requireVerification;
    } else {
      q.globalProcessState = 'GLOBAL_PROCESS_STATE_NOT_ELIGIBLE';
      q.osrEligibility = {
        status: 'FAILED',
        error: decision.reason ?? 'The number is not eligible for hosting',
      };
    }
    this.saveQualifiedNumber(q);
  }

  // ---- hosting orders (REFERENCE §7.3, §7.4) --------------------------------------------------------------

  private stepOrder(o: HostingOrderRec): void {
    const t = this.now();
    o.nextAt = null;
    if (o.state === 'SUBMITTED') {
      if (o.loa === 'direct' || o.loa === 'reseller') {
        o.state = 'WAITING_FOR_LOA_SIGNATURE';
        o.updatedTime = t;
        if (this.settings.autoSignLoaMs !== null) o.nextAt = t + this.settings.autoSignLoaMs;
        this.saveOrder(o);
      } else {
        this.startProcessing(o);
      }
    } else if (o.state === 'WAITING_FOR_LOA_SIGNATURE') {
      this.startProcessing(o);
    } else if (o.state === 'IN_PROGRESS') {
      this.advancePipeline(o);
    }
  }

  /** The LOA is signed (or none is needed): the order runs its per-number steps. */
  startProcessing(o: HostingOrderRec): void {
    const t = this.now();
    o.state = 'IN_PROGRESS';
    o.updatedTime = t;
    o.cursor = 0;
    let start = t;
    if (o.steps[0] === 'osr') {
      start = Math.max(t, o.scheduledOsrUpdateTime ?? t);
      o.scheduledOsrUpdateTime = start;
    } else if (o.tollFree && o.scheduledZipwhipProvisioningTime !== null) {
      // §6.10: an LOA signed after the Zipwhip time moves provisioning to the same time on a later day.
      let at = o.scheduledZipwhipProvisioningTime;
      while (at < t) at += 24 * 3600_000;
      o.scheduledZipwhipProvisioningTime = at;
      start = at;
    }
    o.nextAt = start;
    this.saveOrder(o);
  }

  rejectOrder(o: HostingOrderRec, reason: string): void {
    const t = this.now();
    o.state = 'REJECTED';
    o.updatedTime = t;
    o.nextAt = null;
    for (const n of this.orderNumbers(o)) {
      n.failed = true;
      n.updatedTime = t;
      this.saveOrderNumber(n);
      this.event(
        o.projectId,
        o.callbackUrl,
        'HOSTING_ORDER_NUMBER',
        'HOSTING_PROCESS',
        n.phoneNumber,
        'FAILED',
      );
      this.settleQualified(o, n.phoneNumber, false, reason);
    }
    this.saveOrder(o);
  }

  private advancePipeline(o: HostingOrderRec): void {
    const t = this.now();
    const stepIndex = o.cursor >> 1;
    const starting = o.cursor % 2 === 0;
    const step = o.steps[stepIndex];
    if (step === undefined) {
      this.completeOrder(o);
      return;
    }
    for (const n of this.orderNumbers(o)) {
      if (n.failed) continue;
      n.updatedTime = t;
      if (step === 'carriers') {
        for (const c of CARRIERS) {
          n.carriers[c] = { ...n.carriers[c], state: starting ? 'IN_PROGRESS' : 'DONE', updateTime: t };
        }
      } else if (starting) {
        this.stepOf(n, step).state = 'IN_PROGRESS';
      } else {
        const failure = this.takeFailure(n.phoneNumber, step);
        this.stepOf(n, step).state = failure ? 'FAILED' : 'DONE';
        const eventType =
          step === 'osr'
            ? 'OSR_UPDATE'
            : step === 'platform'
              ? 'PROVISIONING_TO_SMS_PLATFORM'
              : 'LINK_TO_10DLC_CAMPAIGN';
        // §8.2: SMS-platform provisioning results carry no failureCode (binary outcome).
        const code = failure && step !== 'platform' ? failure.failureCode : undefined;
        this.event(
          o.projectId,
          o.callbackUrl,
          'HOSTING_ORDER_NUMBER',
          eventType,
          n.phoneNumber,
          failure ? 'FAILED' : 'SUCCEEDED',
          code,
        );
        if (failure) {
          n.failed = true;
          n.failureCode = failure.failureCode;
          // Later steps no longer apply to this number.
          for (const later of o.steps.slice(stepIndex + 1)) {
            if (later === 'carriers') {
              for (const c of CARRIERS)
                n.carriers[c] = { ...n.carriers[c], state: 'STATE_UNSPECIFIED', updateTime: t };
            } else {
              this.stepOf(n, later).state = 'STATE_UNSPECIFIED';
            }
          }
        }
      }
      this.saveOrderNumber(n);
    }
    o.cursor += 1;
    o.updatedTime = t;
    if (o.cursor >= o.steps.length * 2) {
      this.completeOrder(o);
      return;
    }
    o.nextAt = t + (starting ? this.settings.stepMs : Math.round(this.settings.stepMs / 5));
    this.saveOrder(o);
  }

  private stepOf(n: OrderNumberRec, step: 'osr' | 'platform' | 'campaign'): { state: StepState } {
    return step === 'osr'
      ? n.osrUpdate
      : step === 'platform'
        ? n.platformProvisioning
        : n.campaignProvisioning;
  }

  private completeOrder(o: HostingOrderRec): void {
    const t = this.now();
    for (const n of this.orderNumbers(o)) {
      const ok = !n.failed;
      this.event(
        o.projectId,
        o.callbackUrl,
        'HOSTING_ORDER_NUMBER',
        'HOSTING_PROCESS',
        n.phoneNumber,
        ok ? 'SUCCEEDED' : 'FAILED',
        n.failureCode || undefined,
      );
      if (o.type === 'TYPE_TEXT_ENABLE') this.settleQualified(o, n.phoneNumber, ok, n.failureCode);
      // §7.2: once hosted, the number appears under /importedNumbers (if it reached the SMS platform).
      if (n.platformProvisioning.state === 'DONE') this.importFromOrder(o, n);
    }
    o.state = 'COMPLETED';
    o.updatedTime = t;
    o.nextAt = null;
    this.saveOrder(o);
  }

  private settleQualified(o: HostingOrderRec, phone: string, ok: boolean, error: string): void {
    const q = this.qualifiedNumber(o.projectId, phone);
    if (q?.globalProcessState !== 'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS') return;
    q.globalProcessState = ok ? 'GLOBAL_PROCESS_STATE_HOSTING_DONE' : 'GLOBAL_PROCESS_STATE_HOSTING_FAILED';
    q.hostedNumber = { status: ok ? 1 : 2, error: ok ? '' : error || 'Hosting failed' };
    q.updatedTime = this.now();
    this.saveQualifiedNumber(q);
  }

  private importFromOrder(o: HostingOrderRec, n: OrderNumberRec): void {
    const t = this.now();
    const existing = this.importedNumber(o.projectId, n.phoneNumber);
    const campaignState = n.campaignProvisioning.state;
    const rec: ImportedNumberRec = {
      projectId: o.projectId,
      phoneNumber: n.phoneNumber,
      regionCode: o.regionCode,
      displayName: existing?.displayName ?? '',
      servicePlanId: o.servicePlanId,
      campaignId: o.campaignId,
      migrateToSinchTmo: o.migrateToSinchTmo,
      callbackUrl: o.callbackUrl,
      createdTime: existing?.createdTime ?? t,
      updatedTime: t,
      sms: this.newProvisioning('PROVISIONING', o.servicePlanId, 'DONE'),
      campaign: {
        ...this.newProvisioning(
          'PROVISIONING',
          o.campaignId,
          o.campaignId ? campaignState : 'STATE_UNSPECIFIED',
        ),
        ...(campaignState === 'FAILED' ? { errorCode: n.failureCode, errorMessage: n.failureCode } : {}),
      },
      carriers: this.carriers('DONE', 'PROVISIONING'),
      nextAt: null,
      lastJobFailed: campaignState === 'FAILED',
    };
    this.saveImportedNumber(rec);
  }

  // ---- callbacks (REFERENCE §8) -----------------------------------------------------------------------------

  /** Queues one callback event for delivery (only when the triggering request gave a `callbackUrl`). */
  event(
    projectId: string,
    url: string,
    resourceType: 'IMPORTED_NUMBER' | 'HOSTING_ORDER_NUMBER',
    eventType: string,
    resourceId: string,
    status: 'SUCCEEDED' | 'FAILED',
    failureCode?: string,
  ): void {
    if (!url) return;
    const t = this.now();
    const eventId = this.newId();
    const payload = {
      resourceType,
      eventType,
      eventId,
      timestamp: iso(t),
      projectId,
      resourceId,
      status,
      ...(status === 'FAILED' && failureCode ? { failureCode } : {}),
    };
    const rec: CallbackRec = {
      id: eventId,
      url,
      projectId,
      body: JSON.stringify(payload),
      attempts: 0,
      nextAt: t,
      state: 'PENDING',
    };
    this.store.put(KIND.callback, rec.id, rec);
    this.schedule('cb', rec.id, rec.nextAt);
  }

  private deliver(c: CallbackRec): void {
    if (this.closed) return;
    const secret = this.project(c.projectId)?.hmacSecret ?? '';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // §8.3: HMAC-SHA1 over the raw body, lower-case hex; no header when no secret is configured (§10 #11).
    if (secret)
      headers['x-sinch-signature'] = createHmac('sha1', secret).update(c.body, 'utf8').digest('hex');
    c.attempts += 1;
    const signature = headers['x-sinch-signature'];
    if (signature) c.signature = signature;
    this.store.put(KIND.callback, c.id, c);
    const attempt = this.fetchImpl(c.url, {
      method: 'POST',
      headers,
      body: c.body,
      signal: AbortSignal.timeout(5000),
    })
      .then(
        async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          return res.status;
        },
        (error: unknown) => (error instanceof Error ? error.name : 'error'),
      )
      .then((outcome) => this.afterDelivery(c.id, outcome));
    this.inflight.add(attempt);
    void attempt.finally(() => this.inflight.delete(attempt));
  }

  private afterDelivery(id: string, outcome: number | string): void {
    if (this.closed) return;
    const c = this.store.get<CallbackRec>(KIND.callback, id);
    if (!c) return;
    c.lastStatus = outcome;
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
      c.state = 'DELIVERED';
    } else if (c.attempts >= this.settings.callbackMaxAttempts) {
      c.state = 'GAVE_UP';
      this.log(`callback ${c.id} to ${c.url} gave up after ${c.attempts} attempts (${outcome})`);
    } else {
      c.nextAt = this.clock.now() + 1000 * 2 ** (c.attempts - 1);
      this.schedule('cb', c.id, c.nextAt);
    }
    this.store.put(KIND.callback, c.id, c);
  }

  /** Resolves when every delivery started so far (and any retry they caused, if due) has finished. */
  async flushCallbacks(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  callbacks(): CallbackRec[] {
    return this.store.all<CallbackRec>(KIND.callback);
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------

  reset(): void {
    const projects = this.projects().map((p) => ({ ...p, hmacSecret: '' }));
    // Issued access tokens stay valid: a reset forgets numbers and orders, not who is signed in (a
    // client holding a token would otherwise read the 401 as its key being refused).
    const tokens = this.store.all<AccessToken>(KIND.token);
    this.store.clear();
    this.due.clear();
    this.stats.clear();
    this.store.setMeta('seed', String(this.seed));
    this.saveSettings();
    this.faults = {};
    this.faultPrng = new Prng(this.seed);
    for (const p of projects) this.putProject(p);
    for (const t of tokens) this.store.put(KIND.token, t.token, t);
  }

  async close(): Promise<void> {
    this.store.setMeta('simNow', String(this.clock.now()));
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    this.store.close();
  }
}

export type { Carrier };
