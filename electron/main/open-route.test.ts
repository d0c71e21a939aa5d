import { describe, expect, it } from 'vitest';
import { orderRoutePath } from '../../shared/contract/open-route';
import { IPC_OPEN_ROUTE } from '../preload/ipc-names';
import { openRoute } from './open-route';

const target = (id: number) => {
  const sent: unknown[][] = [];
  return { sent, webContents: { id, send: (...args: unknown[]) => sent.push(args) } };
};

describe('openRoute', () => {
  it('sends an order page to our window on desk:open-route', () => {
    const ours = target(7);
    expect(openRoute(ours.webContents, orderRoutePath('ord-1'), new Set([7]))).toBe(true);
    expect(ours.sent).toEqual([[IPC_OPEN_ROUTE, '/orders/ord-1']]);
  });

  it('sends nothing for a path outside the app’s routes, or to a window that is not ours', () => {
    const ours = target(7);
    // an id that decodes to a path separator could name another route: refused too
    const paths = [
      'javascript:alert(1)',
      '/queue?job=1',
      'https://x.example/',
      '/orders/..',
      orderRoutePath('a/b'),
    ];
    for (const path of paths) expect(openRoute(ours.webContents, path, new Set([7])), path).toBe(false);
    const stranger = target(8);
    expect(openRoute(stranger.webContents, '/status', new Set([7]))).toBe(false);
    expect([...ours.sent, ...stranger.sent]).toEqual([]);
  });
});
