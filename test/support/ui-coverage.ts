/**
 * The route-coverage rule of the e2e suite (UI.md, "How screens are tested"): every screen registered
 * in renderer/src/app/router.tsx has, for each of its states (empty, populated, error), an axe check
 * and screenshots in light and dark at both sizes. Pure: the Playwright check (test/e2e/
 * route-coverage.spec.ts) feeds it the real router source and the records the helpers wrote, and the
 * unit test feeds it fixtures, so a missing route is proven to fail.
 */
export const STATES = ['empty', 'populated', 'error'] as const;
export const THEMES = ['light', 'dark'] as const;
export const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '900x600', width: 900, height: 600 },
] as const;

export type ScreenState = (typeof STATES)[number];
export type Theme = (typeof THEMES)[number];
export type SizeName = (typeof SIZES)[number]['name'];

export type CoverageRecord =
  | { kind: 'axe'; route: string; state: ScreenState; theme: Theme }
  | { kind: 'screenshot'; route: string; state: ScreenState; theme: Theme; size: SizeName; file: string };

/**
 * The route paths of `export const screens = [a, b]` in router.tsx: each identifier is followed to
 * its import, and that module's `path: '/x'` is read. Anything it cannot follow is an error, never a
 * silently shorter list.
 */
export function registeredRoutes(routerSource: string, readModule: (specifier: string) => string): string[] {
  const list = /export const screens\s*=\s*\[([^\]]*)\]/.exec(routerSource);
  if (list?.[1] === undefined) throw new Error('router.tsx has no `export const screens = [...]`');
  const names = list[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error('router.tsx registers no screens');
  return names.map((name) => {
    const imported = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(
      routerSource,
    );
    if (!imported?.[1]) throw new Error(`screen ${name} is not imported in router.tsx`);
    const module = readModule(imported[1]);
    const at = module.indexOf(`export const ${name}`);
    const path = /path:\s*'([^']+)'/.exec(at >= 0 ? module.slice(at) : '');
    if (!path?.[1]) throw new Error(`no path: '…' for ${name} in ${imported[1]}`);
    return path[1];
  });
}

/** The screenshot file name the harness writes: `<route>-<state>-<theme>-<size>.png`. */
export const screenshotName = (route: string, state: ScreenState, theme: Theme, size: SizeName): string =>
  `${route.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'root'}-${state}-${theme}-${size}.png`;

/** Every requirement not met, as sentences; empty when all routes are covered. */
export function missingCoverage(routes: readonly string[], records: readonly CoverageRecord[]): string[] {
  const have = new Set(
    records.map((r) =>
      r.kind === 'axe'
        ? `axe ${r.route} ${r.state} ${r.theme}`
        : `screenshot ${r.route} ${r.state} ${r.theme} ${r.size}`,
    ),
  );
  const missing: string[] = [];
  for (const route of routes)
    for (const state of STATES)
      for (const theme of THEMES) {
        if (!have.has(`axe ${route} ${state} ${theme}`))
          missing.push(`${route}: no axe check of the ${state} state in ${theme}`);
        for (const size of SIZES)
          if (!have.has(`screenshot ${route} ${state} ${theme} ${size.name}`))
            missing.push(`${route}: no ${state} screenshot in ${theme} at ${size.name}`);
      }
  return missing;
}
