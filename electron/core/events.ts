import type { EventName, EventPayload } from '../../shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Engine → renderer pushes, coalesced: at most one delivery per event name per window (~10/s,
 * DESIGN.md "The contract"). The first emit in a quiet period goes out at once; emits during the
 * window are folded into one trailing delivery — by `merge` when the event has one (e.g. union of
 * ids, sum of counts), otherwise the latest payload wins.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly pending = new Map<EventName, { payload: unknown; timer: NodeJS.Timeout | null }>();
  private closed = false;

  constructor(
    private readonly windowMs = 100,
    private readonly merge: Partial<{
      [E in EventName]: (a: EventPayload<E>, b: EventPayload<E>) => EventPayload<E>;
    }> = {},
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.closed) return;
    const slot = this.pending.get(event);
    if (!slot) {
      this.deliver(event, payload);
      this.pending.set(event, { payload: undefined, timer: this.startWindow(event) });
      return;
    }
    const merge = this.merge[event] as ((a: unknown, b: unknown) => unknown) | undefined;
    slot.payload = slot.payload === undefined ? payload : merge ? merge(slot.payload, payload) : payload;
  }

  private startWindow(event: EventName): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const slot = this.pending.get(event);
      this.pending.delete(event);
      if (slot && slot.payload !== undefined) this.emit(event, slot.payload as EventPayload<typeof event>);
    }, this.windowMs);
    timer.unref();
    return timer;
  }

  private deliver<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken listener (a closed SSE stream, a dead port) must not stop the others.
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const slot of this.pending.values()) if (slot.timer) clearTimeout(slot.timer);
    this.pending.clear();
    this.listeners.clear();
  }
}
