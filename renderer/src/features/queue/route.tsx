import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { QueuePage } from './QueuePage';
import { QUEUE_FILTER_NAMES } from './queue-view';

/**
 * `/queue`: every job, live. The filter (`show`), the batch shown (`batch`) and the open job
 * (`job`) are search params, so "Back" works and a link opens the same view.
 */
export const queueSearchSchema = z.object({
  show: z.enum(QUEUE_FILTER_NAMES).optional().catch(undefined),
  batch: z.string().max(64).optional().catch(undefined),
  job: z.coerce.number().int().positive().optional().catch(undefined),
});
export type QueueSearch = z.infer<typeof queueSearchSchema>;

export const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queue',
  validateSearch: queueSearchSchema,
  staticData: { screen: { label: 'Queue' } },
  component: QueuePage,
});
