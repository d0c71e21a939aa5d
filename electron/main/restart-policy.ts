/**
 * When the engine process dies, should it be started again, and after how long?
 * Backoff doubles per recent crash; after `maxCrashes` crashes inside `windowMs` we stop and say so
 * (a crash loop — e.g. a corrupt database or a missing native module — would otherwise spin forever).
 */
export type RestartPolicy = {
  /** crashes inside the window that make us give up */
  maxCrashes: number;
  windowMs: number;
  /** delay before the first restart; doubles for every further crash in the window */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 60_000,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

export type RestartDecision =
  | { action: 'restart'; delayMs: number; recentCrashes: number }
  | { action: 'give-up'; recentCrashes: number; message: string };

/**
 * `crashTimes` are the epoch-ms times of every crash so far, the newest included.
 */
export function restartDecision(
  crashTimes: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recentCrashes = crashTimes.filter((t) => t <= now && now - t < policy.windowMs).length;
  if (recentCrashes >= policy.maxCrashes) {
    const seconds = Math.round(policy.windowMs / 1000);
    return {
      action: 'give-up',
      recentCrashes,
      message: `The engine stopped ${recentCrashes} times within ${seconds} s, so it is not restarted again. Quit and reopen Hosting Desk; if it keeps happening, send the engine log from the data folder.`,
    };
  }
  const exponent = Math.max(0, recentCrashes - 1);
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return { action: 'restart', delayMs, recentCrashes };
}
