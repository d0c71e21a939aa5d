import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { NumberPage } from './NumberPage';
import { NumbersPage } from './NumbersPage';
import { STATE_GROUPS } from './numbers-view';

/** `/numbers`: every number of the workspace; the state group (`show`) and the digits searched (`q`) live in the URL. */
export const numbersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/numbers',
  validateSearch: z.object({
    show: z.enum(STATE_GROUPS).optional().catch(undefined),
    q: z.string().trim().min(1).max(30).optional().catch(undefined),
  }),
  staticData: { screen: { label: 'Numbers' } },
  component: NumbersPage,
});

/** `/numbers/$e164`: one number's lifecycle — timeline, current state, next step and its button. */
export const numberRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/numbers/$e164',
  validateSearch: z.object({}),
  component: NumberPage,
});
