import { createHashHistory, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { orderRoute, ordersRoute } from '../features/orders/route';
import { queueRoute } from '../features/queue/route';
import { statusRoute } from '../features/status/route';
import { rootRoute, type RouterContext } from '../lib/routing';
import { AppFrame, NotConnected, NotFound } from './AppFrame';

/**
 * THE list of screens, in rail order (UI.md, "What the user sees"). A new screen adds its feature's
 * `route.tsx` export here and nothing else: the rail, the route tree and the e2e route-coverage check
 * (test/e2e/route-coverage.spec.ts reads this array) all follow.
 */
export const screens = [queueRoute, ordersRoute, statusRoute] as const;

/** Routes under a screen (a detail page): in the route tree, not in the rail. */
const detailRoutes = [orderRoute] as const;

/** `/` opens the first screen; a deep link (`#/status`) opens its own. */
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
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
    </AppFrame>
  );
}

const routeTree = rootRoute.addChildren([indexRoute, ...screens, ...detailRoutes]);

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
