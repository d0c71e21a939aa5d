import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { IntakePage } from './IntakePage';

/**
 * `/intake`: bring numbers in. The open file lives in the page (a File cannot be in a URL); drafts,
 * which survive restarts, get `/intake/$draftId` once the engine's `intake.*` channels exist.
 */
export const intakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/intake',
  validateSearch: z.object({}),
  staticData: { screen: { label: 'Bring numbers' } },
  component: IntakePage,
});
