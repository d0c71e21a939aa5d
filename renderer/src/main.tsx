// First: configures zod before shared/contract builds its schemas (see the file).
import './lib/zod-under-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeskError } from '../../shared/contract';
import { App } from './app/App';
import { connectDesk, openBrowserSession } from './lib/desk';
import './styles/app.css';

async function start(): Promise<void> {
  const desk = connectDesk(window);
  let sessionError: DeskError | null = null;
  if (desk.transport === 'http') {
    const session = await openBrowserSession(window.location, {
      replaceUrl: (url) => window.history.replaceState(null, '', url),
    });
    if (!session.ok) sessionError = session.error;
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App desk={desk} sessionError={sessionError} />
    </StrictMode>,
  );
}

void start();
