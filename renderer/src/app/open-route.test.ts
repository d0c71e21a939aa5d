import { describe, expect, it } from 'vitest';
import { APP_ROUTE_SHAPES } from '../../../shared/contract/open-route';
import { followOpenRoute } from './open-route';
import { details, screens } from './router';

describe('followOpenRoute', () => {
  it('opens the routes main asks for when they are the app’s own, and stops when unsubscribed', () => {
    let send: ((path: string) => void) | undefined;
    const opened: string[] = [];
    const off = followOpenRoute(
      {
        onOpenRoute: (listener) => {
          send = listener;
          return () => {
            send = undefined;
          };
        },
      },
      (path) => opened.push(path),
    );
    send?.('/orders/ord-1');
    send?.('javascript:alert(1)');
    send?.('/queue?job=1');
    off();
    send?.('/status');
    expect(opened).toEqual(['/orders/ord-1']);
  });

  it('does nothing in the browser shell (no bridge)', () => {
    expect(() => followOpenRoute(undefined, () => {})()).not.toThrow();
  });

  it('knows exactly the router’s routes as shapes a route may have', () => {
    const paths = [...screens, ...details].map((route) => (route.options as { path: string }).path);
    expect([...paths].sort()).toEqual([...APP_ROUTE_SHAPES].sort());
  });
});
