import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appRoutePath, orderRoutePath } from './open-route';

describe('appRoutePath', () => {
  it('accepts the app’s screens and records opened by id', () => {
    for (const path of [
      '/status',
      '/queue',
      '/orders',
      '/orders/ord-1',
      '/numbers/%2B12025550142',
      '/intake/draft_7',
      '/plan/draft_7',
      '/guide/text-enable',
    ])
      expect(appRoutePath(path), path).toBe(path);
  });

  it('refuses anything that is not one of those shapes', () => {
    for (const value of [
      '',
      '/',
      'status',
      '/nope',
      '/status/extra',
      '/orders/',
      '/orders/a/b',
      '/orders/..',
      '/orders/%2E%2E',
      '/orders/a%2Fb',
      '/orders/%00',
      '/orders/%zz',
      '/queue?job=1',
      '/queue#x',
      '//evil.example/orders',
      'javascript:alert(1)',
      '/orders/<script>',
      '/orders/a b',
      `/orders/${'a'.repeat(400)}`,
      null,
      42,
      { path: '/status' },
    ])
      expect(appRoutePath(value), String(value)).toBeNull();
  });

  it('takes every order page a notification builds, whatever the id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (id) => {
        const oneSegment = [...id].every((c) => c !== '/' && c !== '\\' && c >= ' ' && c !== '\u007f');
        fc.pre(id !== '.' && id !== '..' && oneSegment);
        expect(appRoutePath(orderRoutePath(id))).toBe(orderRoutePath(id));
      }),
    );
  });
});
