/**
 * The LOA check (issue 8, "LOA entry"): what an operations person should fix or think twice about
 * before an LOA goes out for e-signature. Pure; the LOA form shows it field by field, and anything
 * that builds an LOA (plan preview, a future import of profiles) can run the same rules.
 *
 * Errors block saving (the contract's schema would refuse most of them too, but in programmers'
 * words); warnings are the common reasons a losing carrier rejects a port or an LOA signature is
 * never completed. Every message starts with the field's name as the form labels it.
 */

export type LoaCheckKind = 'direct' | 'reseller';

/** What the form holds: the wire shape of REFERENCE §6.8 (`authorisedPerson`) plus the e-mail typed again. */
export type LoaCheckInput = {
  kind: LoaCheckKind;
  info: {
    businessName?: string | undefined;
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
  /** the signer's e-mail typed a second time; undefined when the form does not ask (e.g. a check of a saved profile) */
  emailConfirm?: string | undefined;
};

export type LoaFinding = {
  /** the form's dotted field path, e.g. `info.address.postalCode` */
  field: string;
  severity: 'error' | 'warning';
  message: string;
};

/** The field names the form shows; messages begin with them. */
export const LOA_FIELD_LABELS = {
  label: 'Profile name',
  'info.businessName': 'End business name',
  'info.authorisedPerson.firstName': 'Signer’s first name',
  'info.authorisedPerson.lastName': 'Signer’s last name',
  'info.authorisedPerson.email': 'Signer’s e-mail',
  emailConfirm: 'Signer’s e-mail again',
  'info.address.buildingNumber': 'Building number',
  'info.address.street': 'Street',
  'info.address.city': 'City',
  'info.address.state': 'State or province',
  'info.address.postalCode': 'Postal code',
  'info.address.country': 'Country',
  'info.currentVoiceCarrier': 'Current voice carrier',
} as const;
export type LoaField = keyof typeof LOA_FIELD_LABELS;

/**
 * Consumer mail domains. An LOA is signed for a business; carriers and Sinch's reviewers reject or
 * query signatures from personal mailboxes, and such a signer often never sees the e-mail.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'comcast.net',
  'att.net',
  'verizon.net',
  'sbcglobal.net',
]);

/** Words people type when they do not know the carrier; the losing carrier must be named. */
const UNKNOWN_CARRIER = /^(unknown|n\/?a|none|tbd|not sure|\?+|-+|x+|other)$/i;

const US = new Set(['us', 'usa', 'united states', 'united states of america']);
const CA = new Set(['ca', 'can', 'canada']);
const US_ZIP = /^\d{5}(-\d{4})?$/;
const CA_POSTAL = /^[abceghjklmnprstvxy]\d[abceghj-nprstv-z] ?\d[abceghj-nprstv-z]\d$/i;
const US_STATE = /^[A-Z]{2}$/i;
/** Deliberately loose: one @, something on each side, a dot in the domain; the engine checks the syntax. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PO_BOX = /\bp\.?\s*o\.?\s*box\b|\bpost office box\b/i;

const REQUIRED_FIELDS: readonly LoaField[] = [
  'info.authorisedPerson.firstName',
  'info.authorisedPerson.lastName',
  'info.authorisedPerson.email',
  'info.address.buildingNumber',
  'info.address.street',
  'info.address.city',
  'info.address.state',
  'info.address.postalCode',
  'info.address.country',
  'info.currentVoiceCarrier',
];

function requiredText(field: LoaField, street: string): string {
  if (field === 'info.currentVoiceCarrier')
    return 'is required: name the carrier the numbers are with today (the LOA is sent to them).';
  // "12 Main St" in Street with no building number is the most common way an address goes out without one.
  const inStreet = /^\s*(\d+[a-z]?)\s/i.exec(street)?.[1];
  if (field === 'info.address.buildingNumber' && inStreet)
    return `is required: move ${inStreet} from Street to here (carriers match the address by its number).`;
  return 'is required.';
}

export function checkLoa(input: LoaCheckInput): LoaFinding[] {
  const findings: LoaFinding[] = [];
  const error = (field: LoaField, text: string) =>
    findings.push({ field, severity: 'error', message: `${LOA_FIELD_LABELS[field]} ${text}` });
  const warn = (field: LoaField, text: string) =>
    findings.push({ field, severity: 'warning', message: `${LOA_FIELD_LABELS[field]} ${text}` });

  const { info } = input;
  const value = (field: LoaField): string => {
    const v = field
      .split('.')
      .slice(1)
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], info);
    return typeof v === 'string' ? v.trim() : '';
  };

  const required =
    input.kind === 'reseller' ? ['info.businessName' as const, ...REQUIRED_FIELDS] : REQUIRED_FIELDS;
  const blank = new Set<LoaField>();
  for (const field of required) {
    if (value(field) !== '') continue;
    blank.add(field);
    error(field, requiredText(field, info.address.street));
  }

  const email = value('info.authorisedPerson.email');
  if (email !== '' && !EMAIL.test(email))
    error('info.authorisedPerson.email', 'is not an e-mail address (name@company.com).');
  if (input.emailConfirm !== undefined) {
    const again = input.emailConfirm.trim();
    if (again === '') error('emailConfirm', 'is required: type the e-mail a second time.');
    else if (again.toLowerCase() !== email.toLowerCase())
      error('emailConfirm', 'does not match the signer’s e-mail. The LOA is e-mailed there: type it again.');
  }
  const domain = email.split('@')[1]?.toLowerCase();
  if (domain && EMAIL.test(email) && FREE_MAIL_DOMAINS.has(domain))
    warn(
      'info.authorisedPerson.email',
      `is a personal mailbox (${domain}). LOAs signed from one are often rejected; use the business’s own domain.`,
    );

  const country = value('info.address.country').toLowerCase();
  const postal = value('info.address.postalCode');
  if (country !== '' && !US.has(country) && !CA.has(country))
    warn(
      'info.address.country',
      'is not the United States or Canada: Sinch hosts US and Canadian numbers (write US).',
    );
  if (postal !== '') {
    if (US.has(country) && !US_ZIP.test(postal))
      error('info.address.postalCode', 'is not a US ZIP code: 5 digits, or ZIP+4 like 10001-1234.');
    if (CA.has(country) && !CA_POSTAL.test(postal))
      error('info.address.postalCode', 'is not a Canadian postal code like K1A 0B1.');
  }
  const state = value('info.address.state');
  if (state !== '' && US.has(country) && !US_STATE.test(state))
    warn(
      'info.address.state',
      'should be the two-letter code (NY, not New York) as on the carrier’s records.',
    );

  const building = value('info.address.buildingNumber');
  const street = value('info.address.street');
  if (building !== '' && !/\d/.test(building))
    warn('info.address.buildingNumber', 'has no digits: carriers match the service address by its number.');
  if (PO_BOX.test(street) || PO_BOX.test(building))
    warn(
      'info.address.street',
      'is a PO box: carriers reject LOAs without the service address where the lines are.',
    );

  const carrier = value('info.currentVoiceCarrier');
  if (carrier !== '' && UNKNOWN_CARRIER.test(carrier))
    warn(
      'info.currentVoiceCarrier',
      `says “${carrier}”: the losing carrier must be named or the port is rejected. Check a recent phone bill.`,
    );

  return findings;
}

export const loaErrors = (findings: readonly LoaFinding[]) => findings.filter((f) => f.severity === 'error');
export const loaWarnings = (findings: readonly LoaFinding[]) =>
  findings.filter((f) => f.severity === 'warning');
