import type { z } from 'zod';
import {
  type LoaProfile,
  type LoaProfileKind,
  loaInfoSchemaFor,
  loaProfileCreateSchema,
} from '../../../../shared/contract';
import {
  checkLoa,
  LOA_FIELD_LABELS,
  type LoaField,
  type LoaFinding,
} from '../../../../shared/domain/loa-check';

/**
 * The LOA profile form's view-model: what the form holds, how it is checked (the contract's own zod
 * schemas, then the LOA check of shared/domain), and what is sent. Pure; LoaEditor.tsx stays thin.
 */
export type LoaFormKind = LoaProfileKind | 'blanket';

export type LoaFormValues = {
  label: string;
  kind: LoaFormKind;
  info: {
    businessName: string;
    authorisedPerson: { firstName: string; lastName: string; email: string };
    address: {
      buildingNumber: string;
      street: string;
      city: string;
      state: string;
      postalCode: string;
      country: string;
    };
    currentVoiceCarrier: string;
  };
  emailConfirm: string;
};

export const KIND_LABELS: Record<LoaFormKind, string> = {
  direct: 'Direct',
  reseller: 'Reseller',
  blanket: 'Blanket',
};

export const KIND_HINTS: Record<LoaFormKind, string> = {
  direct: 'The business that owns the numbers signs for itself.',
  reseller: 'You sign up an end business as its reseller; the end business’s name goes on the LOA.',
  blanket:
    'Nothing to enter: once your Sinch account manager has approved a blanket LOA, choose “Blanket LOA” on the plan and no signature is asked for.',
};

/** Carriers US businesses most often port away from; any other name can be typed. */
export const CARRIER_SUGGESTIONS = [
  'AT&T',
  'Verizon',
  'T-Mobile',
  'Lumen (CenturyLink)',
  'Frontier',
  'Comcast Business',
  'Spectrum (Charter)',
  'Cox Business',
  'Windstream',
  'Consolidated Communications',
  'Bandwidth',
  'Twilio',
  'Telnyx',
  'RingCentral',
  'Vonage',
  '8x8',
  'Zoom Phone',
  'Google Voice',
] as const;

export function emptyLoaForm(kind: LoaFormKind = 'reseller'): LoaFormValues {
  return {
    label: '',
    kind,
    info: {
      businessName: '',
      authorisedPerson: { firstName: '', lastName: '', email: '' },
      address: { buildingNumber: '', street: '', city: '', state: '', postalCode: '', country: 'US' },
      currentVoiceCarrier: '',
    },
    emailConfirm: '',
  };
}

/** A saved profile in the form: to edit it, or (with `copy`) as the start of a new one. */
export function formFromProfile(
  profile: LoaProfile,
  copy?: { existingLabels: readonly string[] },
): LoaFormValues {
  const info = profile.info;
  return {
    label: copy ? copyLabel(profile.label, copy.existingLabels) : profile.label,
    kind: profile.kind,
    info: {
      businessName: 'businessName' in info ? info.businessName : '',
      authorisedPerson: { ...info.authorisedPerson },
      address: { ...info.address },
      currentVoiceCarrier: info.currentVoiceCarrier,
    },
    // A saved e-mail was already typed twice when it was saved.
    emailConfirm: info.authorisedPerson.email,
  };
}

/** "Bakery (copy)", "Bakery (copy 2)", … — the first label not taken. */
export function copyLabel(label: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((l) => l.toLowerCase()));
  const base = label.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * What `loaProfiles.create` takes: a direct profile carries no `businessName` (the contract's
 * schemas are strict), every text trimmed. Blanket LOAs are not profiles: null.
 */
export function toProfileInput(values: LoaFormValues): z.input<typeof loaProfileCreateSchema> | null {
  if (values.kind === 'blanket') return null;
  const t = (s: string) => s.trim();
  const { info } = values;
  const common = {
    authorisedPerson: {
      firstName: t(info.authorisedPerson.firstName),
      lastName: t(info.authorisedPerson.lastName),
      email: t(info.authorisedPerson.email),
    },
    address: {
      buildingNumber: t(info.address.buildingNumber),
      street: t(info.address.street),
      city: t(info.address.city),
      state: t(info.address.state),
      postalCode: t(info.address.postalCode),
      country: t(info.address.country),
    },
    currentVoiceCarrier: t(info.currentVoiceCarrier),
  };
  return {
    label: t(values.label),
    kind: values.kind,
    info: values.kind === 'reseller' ? { businessName: t(info.businessName), ...common } : common,
  };
}

export type LoaFormCheck = {
  /** one message per form field path (the first that applies), each naming its field */
  errors: Partial<Record<LoaField, string>>;
  warnings: LoaFinding[];
};

/**
 * The whole check of the form: the LOA check's findings (worded for the user) first, then anything
 * else the contract's schema refuses (e.g. a value too long), worded with the field's label. What
 * passes here is what the engine accepts: the same schemas run there.
 */
export function checkLoaForm(values: LoaFormValues): LoaFormCheck {
  if (values.kind === 'blanket') return { errors: {}, warnings: [] };
  const errors: Partial<Record<LoaField, string>> = {};
  const findings = checkLoa({ kind: values.kind, info: values.info, emailConfirm: values.emailConfirm });
  for (const f of findings)
    if (f.severity === 'error' && !(f.field in errors)) errors[f.field as LoaField] = f.message;

  const input = toProfileInput(values);
  const label = loaProfileCreateSchema.shape.label.safeParse(input?.label);
  if (!label.success && !errors.label)
    errors.label = `${LOA_FIELD_LABELS.label} ${schemaText(label.error.issues[0])}`;
  const info = loaInfoSchemaFor(values.kind).safeParse(input?.info);
  if (!info.success)
    for (const issue of info.error.issues) {
      const field = `info.${issue.path.join('.')}`;
      if (field in LOA_FIELD_LABELS && !(field in errors))
        errors[field as LoaField] = `${LOA_FIELD_LABELS[field as LoaField]} ${schemaText(issue)}`;
    }
  return { errors, warnings: findings.filter((f) => f.severity === 'warning') };
}

/** A zod issue in words (the schema's own messages are for programmers). */
function schemaText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is not valid.';
  if (issue.code === 'too_small') return 'is required.';
  if (issue.code === 'too_big') return `is too long (at most ${String(issue.maximum)} characters).`;
  if (issue.code === 'invalid_format') return 'is not valid.';
  return 'is not valid.';
}

/** One row of the profiles list. */
export function profileRow(profile: LoaProfile): {
  kind: string;
  business: string;
  signer: string;
  email: string;
  carrier: string;
  place: string;
} {
  const { info } = profile;
  const a = info.address;
  return {
    kind: KIND_LABELS[profile.kind],
    business: 'businessName' in info ? info.businessName : '—',
    signer: `${info.authorisedPerson.firstName} ${info.authorisedPerson.lastName}`,
    email: info.authorisedPerson.email,
    carrier: info.currentVoiceCarrier,
    place: `${a.city}, ${a.state} ${a.postalCode}`,
  };
}

/** Why a profile cannot be deleted, in words (the engine answers CONFLICT while jobs use it). */
export const deleteConflictText = (label: string) =>
  `“${label}” is still used by orders that have not finished. Wait until they finish (or cancel them on the Queue), then delete it.`;
