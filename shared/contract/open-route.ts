/**
 * "Open this screen" from outside the page (an order notification clicked in the Electron shell):
 * main sends a route path over IPC, the preload forwards it, the renderer's router navigates. Only
 * the app's own route shapes pass — checked in main before sending and again in the preload and the
 * renderer — so the message can never carry a URL, a script or a query somewhere else.
 */

/**
 * Every route of renderer/src/app/router.tsx (screens and details), `$name` one path parameter.
 * renderer/src/app/open-route.test.ts keeps this list equal to the router's.
 */
export const APP_ROUTE_SHAPES = [
  '/welcome',
  '/guide',
  '/guide/$workflow',
  '/intake',
  '/intake/$draftId',
  '/loa',
  '/queue',
  '/orders',
  '/orders/$id',
  '/numbers',
  '/numbers/$e164',
  '/verify',
  '/settings',
  '/status',
  '/sandbox',
  '/plan/$draftId',
] as const;

/** the longest path accepted: route parameters are ids and phone numbers, not documents */
const MAX_PATH = 300;
/** one percent-encoded parameter: unreserved characters and %XX escapes only (what encodeURIComponent makes of an id) */
const PARAMETER = /^(?:[A-Za-z0-9._~!*'()-]|%[0-9A-Fa-f]{2})+$/;

const shapes = APP_ROUTE_SHAPES.map((shape) => shape.split('/').slice(1));

/**
 * `value` when it is a path of one of the app's routes (`/orders/ord%2D1`), otherwise null. Pure:
 * no query, no fragment, no scheme, no dot segments, no empty segment, parameters percent-encoded.
 */
export function appRoutePath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_PATH || !value.startsWith('/')) return null;
  const segments = value.split('/').slice(1);
  const fits = shapes.some(
    (shape) =>
      shape.length === segments.length &&
      shape.every((part, i) => {
        const segment = segments[i] as string;
        return part.startsWith('$') ? PARAMETER.test(segment) && decodes(segment) : part === segment;
      }),
  );
  return fits ? value : null;
}

const separatorOrControl = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return c === '/' || c === '\\' || code < 0x20 || code === 0x7f;
};

function decodes(segment: string): boolean {
  try {
    const decoded = decodeURIComponent(segment);
    // a parameter is one segment: no separators, no dot segments, no control characters
    return decoded !== '.' && decoded !== '..' && ![...decoded].some(separatorOrControl);
  } catch {
    return false;
  }
}

/** The path of one order's page (an order notification's target). */
export const orderRoutePath = (orderId: string): string => `/orders/${encodeURIComponent(orderId)}`;
