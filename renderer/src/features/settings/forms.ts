import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import type { Workspace } from '../../../../shared/contract';
import { MAX_IMPORT_ORDER_LIMIT } from '../../../../shared/domain/limits';
import { optionalText } from './settings-view';

/**
 * The workspace form's values: text as typed (empty = not set). They are turned into the contract's
 * input and checked with the contract's own schema (`checkWith`), so the rules are never copied.
 */
export type WorkspaceForm = {
  name: string;
  projectId: string;
  authMode: 'oauth' | 'basic';
  keyId: string;
  importOrderLimit: number;
  defaults: { regionCode: '' | 'US' | 'CA'; servicePlanId: string; campaignId: string; callbackUrl: string };
  baseUrl: string;
  tokenUrl: string;
  testEndpoint: boolean;
};

export function formOf(workspace: Workspace | null): WorkspaceForm {
  return {
    name: workspace?.name ?? 'Live',
    projectId: workspace?.projectId ?? '',
    authMode: workspace?.authMode ?? 'oauth',
    keyId: workspace?.keyId ?? '',
    importOrderLimit: workspace?.importOrderLimit ?? 5,
    defaults: {
      regionCode: workspace?.defaults.regionCode ?? '',
      servicePlanId: workspace?.defaults.servicePlanId ?? '',
      campaignId: workspace?.defaults.campaignId ?? '',
      callbackUrl: workspace?.defaults.callbackUrl ?? '',
    },
    baseUrl: workspace?.baseUrl ?? '',
    tokenUrl: workspace?.tokenUrl ?? '',
    testEndpoint: workspace?.testEndpoint ?? false,
  };
}

export function defaultsOf(form: WorkspaceForm['defaults']) {
  const regionCode = form.regionCode === '' ? undefined : form.regionCode;
  const servicePlanId = optionalText(form.servicePlanId);
  const campaignId = optionalText(form.campaignId);
  const callbackUrl = optionalText(form.callbackUrl);
  return {
    ...(regionCode ? { regionCode } : {}),
    ...(servicePlanId ? { servicePlanId } : {}),
    ...(campaignId ? { campaignId } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
  };
}

/** `workspaces.create`'s input from the form. */
export function createInput(form: WorkspaceForm) {
  const keyId = optionalText(form.keyId);
  const baseUrl = optionalText(form.baseUrl);
  const tokenUrl = optionalText(form.tokenUrl);
  return {
    name: form.name,
    projectId: form.projectId,
    authMode: form.authMode,
    ...(keyId ? { keyId } : {}),
    importOrderLimit: form.importOrderLimit,
    defaults: defaultsOf(form.defaults),
    ...(baseUrl ? { baseUrl } : {}),
    ...(tokenUrl ? { tokenUrl } : {}),
    ...(form.testEndpoint ? { testEndpoint: true } : {}),
  };
}

/** `workspaces.update`'s patch from the form: a Live workspace's every field, the Sandbox's three. */
export function updatePatch(form: WorkspaceForm, kind: Workspace['kind']) {
  const common = {
    name: form.name,
    importOrderLimit: form.importOrderLimit,
    defaults: defaultsOf(form.defaults),
  };
  if (kind === 'sandbox') return common;
  return {
    ...common,
    projectId: form.projectId,
    authMode: form.authMode,
    keyId: optionalText(form.keyId) ?? null,
    baseUrl: optionalText(form.baseUrl) ?? null,
    tokenUrl: optionalText(form.tokenUrl) ?? null,
    testEndpoint: form.testEndpoint,
  };
}

/**
 * Checks `input` with a contract schema and puts each issue on the form field of the same path
 * (the form's names are the contract's). Returns the parsed input, or null when something is wrong.
 */
export function checkWith<S extends z.ZodType, F extends FieldValues>(
  schema: S,
  input: unknown,
  setError: UseFormSetError<F>,
  /** the part of the contract's path the form's names leave out, e.g. `patch.` */
  prefix = '',
): z.output<S> | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  let first = true;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    setError(
      (path.startsWith(prefix) ? path.slice(prefix.length) : path) as Path<F>,
      { type: 'contract', message: wordsFor(issue) },
      { shouldFocus: first },
    );
    first = false;
  }
  return null;
}

/** zod's generic messages in plain words; the contract's own messages (e.g. the project ID's) are kept. */
export function wordsFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Required.';
  if (issue.code === 'too_small' || issue.code === 'too_big')
    // the form's one number is the import limit
    return `Enter a whole number from 1 to ${MAX_IMPORT_ORDER_LIMIT}.`;
  if (issue.code === 'invalid_format' && issue.format === 'url')
    return 'Enter a full URL, e.g. https://example.com/path.';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a whole number.';
  return issue.message;
}
