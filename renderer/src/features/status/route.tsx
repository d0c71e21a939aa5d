import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { StatusPage } from './StatusPage';

/** `/status`: what the app runs on. No search params yet (the schema says so, so links stay clean). */
export const statusRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/status',
  validateSearch: z.object({}),
  staticData: { screen: { label: 'Status' } },
  component: StatusPage,
});
