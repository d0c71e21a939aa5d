import { describe, expect, it } from 'vitest';
import {
  type CoverageRecord,
  missingCoverage,
  registeredRoutes,
  SIZES,
  STATES,
  screenshotName,
  THEMES,
} from './ui-coverage';

const router = `import { ordersRoute } from '../features/orders/route';
import { statusRoute } from '../features/status/route';
export const screens = [statusRoute, ordersRoute] as const;`;
const modules: Record<string, string> = {
  '../features/status/route': `export const statusRoute = createRoute({ path: '/status', component: S });`,
  '../features/orders/route': `export const ordersRoute = createRoute({\n  path: '/orders',\n});`,
};
const read = (s: string) => {
  const m = modules[s];
  if (m === undefined) throw new Error(`no module ${s}`);
  return m;
};

/** Everything the helpers write for one route. */
function fullCoverage(route: string): CoverageRecord[] {
  return STATES.flatMap((state) =>
    THEMES.flatMap((theme) => [
      { kind: 'axe' as const, route, state, theme },
      ...SIZES.map((s) => ({
        kind: 'screenshot' as const,
        route,
        state,
        theme,
        size: s.name,
        file: screenshotName(route, state, theme, s.name),
      })),
    ]),
  );
}

describe('route coverage', () => {
  it('reads the registered screens and their paths from router.tsx', () => {
    expect(registeredRoutes(router, read)).toEqual(['/status', '/orders']);
  });

  it('cannot silently read fewer routes: no list, an unimported or a path-less screen are errors', () => {
    expect(() => registeredRoutes('export const routes = []', read)).toThrow(/no `export const screens/);
    expect(() => registeredRoutes('export const screens = [] as const', read)).toThrow(/no screens/);
    expect(() => registeredRoutes('export const screens = [queueRoute]', read)).toThrow(/not imported/);
    const noPath = `import { statusRoute } from './x';\nexport const screens = [statusRoute];`;
    expect(() => registeredRoutes(noPath, () => 'export const statusRoute = createRoute({})')).toThrow(
      /no path/,
    );
  });

  it('a fully covered route passes; a registered route with no records fails, naming it', () => {
    const routes = registeredRoutes(router, read);
    expect(missingCoverage(['/status'], fullCoverage('/status'))).toEqual([]);
    const missing = missingCoverage(routes, fullCoverage('/status'));
    expect(missing.length).toBe(STATES.length * THEMES.length * (1 + SIZES.length));
    expect(missing.every((m) => m.startsWith('/orders:'))).toBe(true);
  });

  it('one missing screenshot or axe check is enough to fail', () => {
    const records = fullCoverage('/status');
    const noDarkSmallError = records.filter(
      (r) => !(r.kind === 'screenshot' && r.state === 'error' && r.theme === 'dark' && r.size === '900x600'),
    );
    expect(missingCoverage(['/status'], noDarkSmallError)).toEqual([
      '/status: no error screenshot in dark at 900x600',
    ]);
    const noAxe = records.filter((r) => !(r.kind === 'axe' && r.state === 'empty' && r.theme === 'light'));
    expect(missingCoverage(['/status'], noAxe)).toEqual([
      '/status: no axe check of the empty state in light',
    ]);
  });

  it('names screenshots <route>-<state>-<theme>-<size>.png', () => {
    expect(screenshotName('/status', 'error', 'dark', '900x600')).toBe('status-error-dark-900x600.png');
    expect(screenshotName('/orders/$id', 'empty', 'light', '1280x800')).toBe(
      'orders-id-empty-light-1280x800.png',
    );
  });
});
