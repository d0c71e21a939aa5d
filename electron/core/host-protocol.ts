import { z } from 'zod';
import { resultSchema } from '../../shared/contract/envelope';

/**
 * The tiny message protocol between the Electron main process (electron/main/engine-supervisor.ts)
 * and the engine process (./host.ts). Plain structured-clone objects, parsed with zod on both
 * sides: a malformed message is dropped, never trusted.
 *
 *   main → engine   { type: 'call', id, channel, input }     { type: 'shutdown' }
 *   engine → main   { type: 'ready' }   { type: 'result', id, result }   { type: 'event', event, payload }
 */
export const toEngineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    channel: z.string(),
    input: z.unknown(),
  }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToEngine = z.infer<typeof toEngineSchema>;

export const fromEngineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: resultSchema(z.unknown()),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type FromEngine = z.infer<typeof fromEngineSchema>;

/** How the host is told where its data lives and which shell it serves (argv first, then env). */
export const hostConfigSchema = z.object({
  dataDir: z.string().min(1),
  shell: z.enum(['electron', 'browser', 'test']),
  /**
   * The better-sqlite3 addon built for Electron's ABI (scripts/start.mjs builds it into
   * .electron-native/; DESIGN.md "Electron and the native module"). Absent under plain Node,
   * where the normal node_modules build is used.
   */
  sqliteBinding: z.string().min(1).optional(),
});
export type HostConfig = z.infer<typeof hostConfigSchema>;

export const HOST_ENV = {
  dataDir: 'HOSTING_DESK_DATA_DIR',
  shell: 'HOSTING_DESK_SHELL',
  sqliteBinding: 'HOSTING_DESK_SQLITE_BINDING',
} as const;

/** `--data-dir <dir>` / `--data-dir=<dir>` and `--shell <name>` win over the environment. */
export function parseHostConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; config: HostConfig } | { ok: false; message: string } {
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === `--${name}`) return argv[i + 1];
      if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    }
    return undefined;
  };
  const raw = {
    dataDir: flag('data-dir') ?? env[HOST_ENV.dataDir],
    shell: flag('shell') ?? env[HOST_ENV.shell] ?? 'electron',
    sqliteBinding: env[HOST_ENV.sqliteBinding] || undefined,
  };
  const parsed = hostConfigSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => i.path.join('.') || 'config').join(', ');
    return {
      ok: false,
      message: `engine host: invalid or missing ${what} (pass --data-dir <dir> --shell electron)`,
    };
  }
  return { ok: true, config: parsed.data };
}
