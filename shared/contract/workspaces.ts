import { z } from 'zod';
import { MAX_IMPORT_ORDER_LIMIT } from '../domain/limits';
import { channel, isoDateTime, page, pageRequest } from './define';

/**
 * Workspaces: the built-in Sandbox (the simulator, no keys needed) and any number of Live project
 * profiles. Each has its own database; switching workspace switches the database.
 */
export const workspaceKindSchema = z.enum(['sandbox', 'live']);

export const workspaceDefaultsSchema = z
  .object({
    regionCode: z.enum(['US', 'CA']).optional(),
    servicePlanId: z.string().min(1).max(64).optional(),
    campaignId: z.string().min(1).max(64).optional(),
    callbackUrl: z.string().url().max(2000).optional(),
  })
  .strict();

/** A Sinch project id is a UUID (REFERENCE.md §3.2); accept any case, store as typed. */
const projectIdSchema = z
  .string()
  .trim()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'A project ID is a UUID.',
  );

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: workspaceKindSchema,
  /** null for the Sandbox (the simulator's project is its own business) */
  projectId: z.string().nullable(),
  authMode: z.enum(['oauth', 'basic']),
  /** the access key id (not secret); the key secret lives in the keychain only */
  keyId: z.string().nullable(),
  /** numbers per `hostingOrders:importNumbers` (5 unless the account manager raised it) */
  importOrderLimit: z.number().int(),
  defaults: workspaceDefaultsSchema,
  /** Live only: API base and OAuth token URL when not Sinch's defaults (e.g. a regional endpoint) */
  baseUrl: z.string().optional(),
  tokenUrl: z.string().optional(),
  /** Live only: the endpoints are a simulator on this machine (plain http:// to loopback allowed) */
  testEndpoint: z.boolean().optional(),
  active: z.boolean(),
  createdAt: isoDateTime,
});
export type Workspace = z.infer<typeof workspaceSchema>;

const editable = {
  name: z.string().trim().min(1).max(80),
  projectId: projectIdSchema,
  authMode: z.enum(['oauth', 'basic']),
  keyId: z.string().trim().min(1).max(128),
  importOrderLimit: z.number().int().min(1).max(MAX_IMPORT_ORDER_LIMIT),
  defaults: workspaceDefaultsSchema,
  endpointUrl: z
    .string()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'An http(s) URL.'),
};

export const workspaceCreateSchema = z
  .object({
    name: editable.name,
    projectId: editable.projectId,
    authMode: editable.authMode.default('oauth'),
    keyId: editable.keyId.optional(),
    importOrderLimit: editable.importOrderLimit.default(5),
    defaults: editable.defaults.default({}),
    baseUrl: editable.endpointUrl.optional(),
    tokenUrl: editable.endpointUrl.optional(),
    testEndpoint: z.boolean().optional(),
  })
  .strict();

export const workspaceUpdateSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** For the Sandbox only `name`, `importOrderLimit` and `defaults` can change. */
    patch: z
      .object({
        name: editable.name.optional(),
        projectId: editable.projectId.optional(),
        authMode: editable.authMode.optional(),
        keyId: editable.keyId.nullable().optional(),
        importOrderLimit: editable.importOrderLimit.optional(),
        defaults: editable.defaults.optional(),
        /** null = back to Sinch's default */
        baseUrl: editable.endpointUrl.nullable().optional(),
        tokenUrl: editable.endpointUrl.nullable().optional(),
        testEndpoint: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

const byId = z.object({ id: z.string().min(1).max(64) }).strict();

export const workspacesChannels = {
  'workspaces.list': channel(
    pageRequest.extend({ kind: workspaceKindSchema.optional() }).strict(),
    page(workspaceSchema),
  ),
  'workspaces.get': channel(byId, workspaceSchema),
  'workspaces.create': channel(workspaceCreateSchema, workspaceSchema),
  /**
   * `secretCleared`: the base or token URL of a Live workspace changed, so its stored key secret was
   * deleted (a secret is bound to the endpoints it was entered for); enter it again for the new ones.
   */
  'workspaces.update': channel(workspaceUpdateSchema, workspaceSchema.extend({ secretCleared: z.boolean() })),
  /** Deletes a Live workspace with its database and keychain entries. The Sandbox cannot be deleted. */
  'workspaces.delete': channel(byId, z.object({ id: z.string(), activeId: z.string() })),
  /** Makes a workspace the active one: closes the current database and opens its own. */
  'workspaces.switch': channel(byId, workspaceSchema),
};

export const workspacesEvents = {
  /** Workspaces were created, edited, deleted or switched; re-query the list. */
  'workspaces.changed': z.object({ ids: z.array(z.string()), activeId: z.string() }),
};
