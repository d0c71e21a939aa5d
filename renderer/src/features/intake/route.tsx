import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { DraftPage } from './DraftPage';
import { FILTERS, type FilterId } from './draft-view';
import { IntakePage } from './IntakePage';

/**
 * `/intake`: bring numbers in (the open file lives in the page: a File cannot be in a URL) and the
 * list of drafts. `/intake/$draftId`: one draft's rows, its status filter in the URL.
 */
export const intakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/intake',
  validateSearch: z.object({}),
  staticData: { screen: { label: 'Bring numbers' } },
  component: IntakePage,
});

const filterIds = FILTERS.map((f) => f.id) as [FilterId, ...FilterId[]];

export const draftRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/intake/$draftId',
  validateSearch: z.object({ filter: z.enum(filterIds).optional().catch(undefined) }),
  component: DraftPage,
});
