import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { workspaceDefaultsSchema } from '../../../shared/contract/workspaces';
import { DEFAULT_IMPORT_ORDER_LIMIT } from '../../../shared/domain/limits';
import { ensurePrivateDir, makePrivate } from '../private-files';
import { endpointOrigins, liveEndpoint } from './endpoint-policy';

/**
 * The list of workspaces: a small JSON file `<dataDir>/workspaces.json` (the databases themselves
 * live in `<dataDir>/workspaces/<id>/desk.db`). Nothing secret is in it: key secrets, database keys
 * and callback secrets are in the OS keychain.
 */
export const SANDBOX_ID = 'sandbox';

const profileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string(),
  kind: z.enum(['sandbox', 'live']),
  projectId: z.string().nullable(),
  authMode: z.enum(['oauth', 'basic']),
  keyId: z.string().nullable(),
  importOrderLimit: z.number().int().min(1),
  defaults: workspaceDefaultsSchema,
  /** Live only: overrides of Sinch's default API base and token URL */
  baseUrl: z.string().optional(),
  tokenUrl: z.string().optional(),
  /** Live only: plain http:// to loopback allowed (a simulator on this machine) */
  testEndpoint: z.boolean().optional(),
  /**
   * Live only: the origins the stored key secret was entered for (endpoint-policy.ts). Absent = no
   * secret may be used; a changed base or token URL removes it together with the secret.
   */
  secretBoundTo: z.array(z.string()).optional(),
  createdAt: z.string(),
});
export type WorkspaceProfile = z.infer<typeof profileSchema>;

const registrySchema = z.object({
  version: z.literal(1),
  activeId: z.string(),
  workspaces: z.array(profileSchema),
});
export type Registry = z.infer<typeof registrySchema>;

export const sandboxProfile = (createdAt: string): WorkspaceProfile => ({
  id: SANDBOX_ID,
  name: 'Sandbox',
  kind: 'sandbox',
  projectId: null,
  // The engine talks to its simulator with OAuth, as a Live workspace should (REFERENCE.md §2.1).
  authMode: 'oauth',
  keyId: null,
  importOrderLimit: DEFAULT_IMPORT_ORDER_LIMIT,
  defaults: {},
  createdAt,
});

const registryFile = (dataDir: string) => join(dataDir, 'workspaces.json');

/** Read the registry; a missing file is a first start (Sandbox only). A damaged file is refused, not overwritten. */
export function loadRegistry(dataDir: string, now: Date): Registry {
  const file = registryFile(dataDir);
  if (!existsSync(file))
    return { version: 1, activeId: SANDBOX_ID, workspaces: [sandboxProfile(now.toISOString())] };
  let parsed: Registry;
  try {
    parsed = registrySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(
      `The workspace list ${file} is damaged and was left as it is; fix or move it away. (${error instanceof Error ? error.message.slice(0, 200) : ''})`,
    );
  }
  if (!parsed.workspaces.some((w) => w.id === SANDBOX_ID))
    parsed.workspaces.unshift(sandboxProfile(now.toISOString()));
  for (const w of parsed.workspaces) {
    if (w.kind === 'sandbox') w.authMode = 'oauth'; // older lists said basic
    // Lists from before secrets were bound: bind a stored secret to the endpoint it has been used with.
    if (w.kind === 'live' && !('secretBoundTo' in w)) w.secretBoundTo = endpointOrigins(liveEndpoint(w));
  }
  if (!parsed.workspaces.some((w) => w.id === parsed.activeId)) parsed.activeId = SANDBOX_ID;
  return parsed;
}

/** Write atomically (temp file + rename), so a crash never leaves half a list. */
export function saveRegistry(dataDir: string, registry: Registry): void {
  ensurePrivateDir(dataDir);
  const file = registryFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(registrySchema.parse(registry), null, 2)}\n`, { mode: 0o600 });
  makePrivate(temp);
  renameSync(temp, file);
}

export const newWorkspaceId = (): string => `live-${randomBytes(5).toString('hex')}`;

export const databaseFile = (dataDir: string, workspaceId: string): string =>
  join(dataDir, 'workspaces', workspaceId, 'desk.db');

/** Keychain entry names, one set per workspace. */
export const secretName = (workspaceId: string, what: 'db-key' | 'key-secret' | 'callback-secret'): string =>
  `workspace/${workspaceId}/${what}`;
