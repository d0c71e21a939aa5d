import { z } from 'zod';
import { channel, isoDateTime, noInput } from './define';

/**
 * What the OS keychain answered to a real write/read/delete probe through the SecretStore port.
 * `backend` names the store that answered; on Linux only a real Secret Service counts — the silent
 * kernel-keyring fallback is never used (DESIGN.md, "Secrets").
 */
export const keychainStatusSchema = z.object({
  available: z.boolean(),
  backend: z.enum(['secret-service', 'macos-keychain', 'windows-credential-manager', 'memory', 'none']),
  /** one plain sentence for the user: what answered, or what failed and how to fix it */
  detail: z.string(),
  checkedAt: isoDateTime,
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const workspaceRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['sandbox', 'live']),
});

export const simulatorStatusSchema = z.object({
  state: z.enum(['not-available', 'starting', 'running', 'stopped', 'failed']),
  /** one plain sentence: where it listens, or why it is not there */
  detail: z.string(),
  baseUrl: z.string().optional(),
});

export const appStatusSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser', 'test']),
  dataDir: z.string(),
  workspace: workspaceRefSchema,
  simulator: simulatorStatusSchema,
  keychain: keychainStatusSchema,
  /**
   * The active workspace's database. `encrypted: false` is shown as a permanent banner with `reason`;
   * `available: false` means it could not be opened at all (e.g. its key is gone) and `reason` says why.
   */
  storage: z
    .object({
      encrypted: z.boolean(),
      available: z.boolean(),
      reason: z.string(),
      /**
       * Set while the disk refuses writes (full, I/O error) to the database or the log: what
       * happened and what to free. Sending waits meanwhile and resumes by itself.
       */
      trouble: z.string().optional(),
      /** the database file is damaged (`reason` says how to restore); not a keychain matter */
      damaged: z.boolean().optional(),
    })
    .optional(),
  startedAt: isoDateTime,
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appChannels = {
  /** Everything the status page shows, in one call. */
  'app.status': channel(noInput, appStatusSchema),
  /** Probe the OS keychain again (e.g. after the user unlocked it). */
  'keychain.probe': channel(noInput, keychainStatusSchema),
};

export const appEvents = {
  /** Something on the status page changed; re-query `app.status`. */
  'app.statusChanged': z.object({ reason: z.enum(['keychain', 'workspace', 'simulator', 'storage']) }),
};
