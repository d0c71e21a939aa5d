import { z } from 'zod';

/**
 * Zod 4 compiles object parsers with `new Function`, and probes whether it may when a schema is
 * built. Our CSP has no 'unsafe-eval', so that probe is reported as a CSP violation even though
 * zod swallows the error. `jitless` turns the compiler and the probe off (parsing stays correct,
 * slightly slower). Must run before any schema exists: main.tsx imports this file first.
 */
z.config({ jitless: true });
