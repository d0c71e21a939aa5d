import { createHashHistory, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { guideRoute, guideWorkflowRoute } from '../features/guide/route';
import { draftRoute, intakeRoute } from '../features/intake/route';
import { loaRoute } from '../features/loa/route';
import { landing } from '../features/welcome/first-run';
import { welcomeRoute } from '../features/welcome/route';
import { sandboxRoute } from '../features/sandbox/route';
import { settingsRoute } from '../features/settings/route';
import { OrderNotifications } from '../features/settings/OrderNotifications';
import { planRoute } from '../features/plan/route';
import { numberRoute, numbersRoute } from '../features/numbers/route';
import { orderRoute, ordersRoute } from '../features/orders/route';
import { queueRoute } from '../features/queue/route';
import { statusRoute } from '../features/status/route';
import { verifyRoute } from '../features/verify/route';
import { rootRoute, type RouterContext } from '../lib/routing';
import { AppFrame, NotConnected, NotFound } from './AppFrame';

/**
 * THE list of screens, in rail order (UI.md, "What the user sees"). A new screen adds its feature's
 * `route.tsx` export here and nothing else: the rail, the route tree and the e2e route-coverage check
 * (test/e2e/route-coverage.spec.ts reads this array) all follow.
 */
export const screens = [
  welcomeRoute,
  guideRoute,
  intakeRoute,
  loaRoute,
  queueRoute,
  ordersRoute,
  numbersRoute,
  verifyRoute,
  settingsRoute,
  statusRoute,
  sandboxRoute,
] as const;

/**
 * `/`: a fresh desk (only the Sandbox, nothing in it, tour never dismissed) opens the first-run tour
 * `/welcome?tour=1`; any other opens Status (features/welcome/first-run.ts decides). A deep link
 * (`#/status`) opens its own screen.
 */
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    if (context.sessionError === null && (await landing(context.desk)) === '/welcome')
      throw redirect({ to: '/welcome', search: { tour: 1 } });
    throw redirect({ to: '/status' });
  },
});

rootRoute.update({
  component: Root,
  notFoundComponent: NotFound,
});

function Root() {
  const { sessionError } = rootRoute.useRouteContext();
  return (
    <AppFrame screens={screens} connected={sessionError === null}>
      {sessionError ? <NotConnected error={sessionError} /> : <Outlet />}
      {sessionError ? null : <OrderNotifications />}
    </AppFrame>
  );
}

/**
 * Routes inside a screen (a record opened from its list): not in the rail, which keeps its screen
 * marked (a link is active for the paths below it). Their states are covered by their screen's specs.
 */
export const details = [draftRoute, planRoute, orderRoute, numberRoute, guideWorkflowRoute] as const;

const routeTree = rootRoute.addChildren([indexRoute, ...screens, ...details]);

/**
 * Hash history: the browser shell's launch token arrives in the fragment (`#token=…`) and is
 * exchanged and removed (main.tsx) before this router is created, so the router never sees it.
 */
export function createDeskRouter(context: RouterContext) {
  return createRouter({ routeTree, history: createHashHistory(), context, scrollRestoration: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createDeskRouter>;
  }
}
