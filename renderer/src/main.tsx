// First: configures zod before shared/contract builds its schemas (see the file).
import './lib/zod-under-csp';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeskError } from '../../shared/contract';
import { followOpenRoute } from './app/open-route';
import { createDeskRouter } from './app/router';
import { connectDesk, openBrowserSession } from './lib/desk';
import { connectEvents } from './lib/event-table';
import { createDeskQueryClient, DeskProvider } from './lib/query';
import './styles/app.css';

async function start(): Promise<void> {
  const desk = connectDesk(window);
  let sessionError: DeskError | null = null;
  if (desk.transport === 'http') {
    // Before the router exists: the token is in the fragment, which hash routing would read as a path.
    const session = await openBrowserSession(window.location, {
      replaceUrl: (url) => window.history.replaceState(null, '', url),
    });
    if (!session.ok) sessionError = session.error;
  }
  const queryClient = createDeskQueryClient();
  // Events (and the connection signal) keep the cache true for the page's whole life.
  if (!sessionError) connectEvents(desk, queryClient);
  const router = createDeskRouter({ desk, queryClient, sessionError });
  // Electron: a notification clicked in main opens its screen here (the page lives as long as the app)
  followOpenRoute(window.desk, (path) => router.history.push(path));
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <DeskProvider value={desk}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DeskProvider>
    </StrictMode>,
  );
}

void start();
