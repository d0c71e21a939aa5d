import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { ORDER_STATES } from '../../../../shared/contract';
import { rootRoute } from '../../lib/routing';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';

/** `/orders`: every hosting order this workspace knows; `state` and `text` filters live in the URL. */
export const ordersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders',
  validateSearch: z.object({
    state: z.enum(ORDER_STATES).optional().catch(undefined),
    text: z.string().trim().min(1).max(100).optional().catch(undefined),
  }),
  staticData: { screen: { label: 'Orders' } },
  component: OrdersPage,
});

/** `/orders/$id`: one order — report counts, each number's steps and carriers, Re-issue. */
export const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$id',
  validateSearch: z.object({}),
  component: OrderPage,
});
