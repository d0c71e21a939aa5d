/**
 * The one list of columns intake understands. Header matching, the optional fields a row carries,
 * the templates (CSV and XLSX) and `check-list --column` all derive from it, so a new optional API
 * field is one entry here.
 */

/** What the user is bringing numbers in for; it decides which columns matter and what a duplicate is. */
export const INTAKE_ACTIONS = ['import', 'qualify', 'text-enable'] as const;
export type IntakeAction = (typeof INTAKE_ACTIONS)[number];

export const OPTIONAL_FIELD_KEYS = [
  'regionCode',
  'servicePlanId',
  'campaignId',
  'displayName',
  'callbackUrl',
  'nnid',
  'loaProfile',
  'loaType',
  'scheduledOsrUpdateTime',
  'scheduledZipwhipProvisioningTime',
  'migrateToSinchTmo',
] as const;
export type OptionalFieldKey = (typeof OPTIONAL_FIELD_KEYS)[number];

/** A role a column can play: the number, its area code kept apart, or one optional field. */
export type ColumnRole = 'phoneNumber' | 'areaCode' | OptionalFieldKey;

export type FieldDefinition = {
  key: ColumnRole;
  /** the column header in templates and the mapping screen */
  label: string;
  /** what operations staff read under the label */
  help: string;
  /** headers that mean this column, in any case, spacing, accents or punctuation (compared compacted) */
  aliases: readonly string[];
  /** actions whose template carries the column; [] = understood when found, never in a template */
  templateFor: readonly IntakeAction[];
  /** the template's example value */
  example: string;
};

export const INTAKE_FIELDS: readonly FieldDefinition[] = [
  {
    key: 'phoneNumber',
    label: 'Phone number',
    help: 'A US or Canadian number in any usual spelling: +12025550134, (202) 555-0134, 202.555.0134 …',
    aliases: [
      'phone number',
      'phone',
      'phone #',
      'phone no',
      'number',
      'numbers',
      'tn',
      'tns',
      'telephone number',
      'telephone',
      'tel',
      'tel no',
      'did',
      'dids',
      'did number',
      'msisdn',
      'e164',
      'e.164',
      'mobile',
      'mobile number',
      'cell',
      'cell phone',
      'line',
      'phone line',
      'contact number',
      'contact phone number',
      'nummer',
      'telefonnummer',
      'rufnummer',
      'telefon',
      'numéro',
      'numéro de téléphone',
      'téléphone',
      'telefono',
      'teléfono',
      'número',
      'número de teléfono',
      'numero di telefono',
      'celular',
      'telefoonnummer',
    ],
    templateFor: ['import', 'qualify', 'text-enable'],
    example: '+12025550134',
  },
  {
    key: 'areaCode',
    label: 'Area code',
    help: 'When the area code is kept in its own column, it is joined to the number.',
    aliases: ['area code', 'areacode', 'npa', 'area', 'ac', 'vorwahl', 'indicatif', 'prefisso', 'lada'],
    templateFor: [],
    example: '202',
  },
  {
    key: 'regionCode',
    label: 'Region',
    help: 'US or CA. Empty: decided from the number (toll-free numbers default to the workspace setting, else US).',
    aliases: ['region', 'region code', 'country', 'country code iso', 'market'],
    templateFor: ['import', 'qualify', 'text-enable'],
    example: 'US',
  },
  {
    key: 'servicePlanId',
    label: 'Service plan',
    help: 'The SMS service plan ID the number is linked to. Empty: the workspace default.',
    aliases: ['service plan', 'service plan id', 'serviceplanid', 'sms service plan'],
    templateFor: ['import', 'text-enable'],
    example: '07d6c2621f364b68856fe4938b7bb78f',
  },
  {
    key: 'campaignId',
    label: 'Campaign',
    help: 'The 10DLC campaign ID. Not sent for toll-free numbers. Empty: the workspace default.',
    aliases: ['campaign', 'campaign id', 'campaignid', '10dlc campaign', 'tcr campaign', 'tcr campaign id'],
    templateFor: ['import', 'text-enable'],
    example: 'C3O8OGA',
  },
  {
    key: 'displayName',
    label: 'Display name',
    help: 'A label for the number. Sent only when a number is imported on its own.',
    aliases: ['display name', 'displayname', 'label', 'description'],
    templateFor: ['import'],
    example: 'Front desk',
  },
  {
    key: 'callbackUrl',
    label: 'Callback URL',
    help: 'Where Sinch sends this number’s events. Empty: the workspace default.',
    aliases: ['callback url', 'callback', 'callbackurl', 'webhook', 'webhook url'],
    templateFor: ['import', 'text-enable'],
    example: 'https://example.com/sinch/events',
  },
  {
    key: 'nnid',
    label: 'NNID',
    help: 'Net Number ID, digits only. Leave empty unless your account manager gave you one.',
    aliases: ['nnid', 'net number id', 'netnumber id'],
    templateFor: ['text-enable'],
    example: '',
  },
  {
    key: 'loaProfile',
    label: 'LOA profile',
    help: 'The name of a saved LOA profile that signs for this number. Empty: the LOA chosen for the batch.',
    aliases: ['loa profile', 'loa', 'loa name', 'end business', 'business name', 'customer'],
    templateFor: ['text-enable'],
    example: 'Acme, Inc.',
  },
  {
    key: 'loaType',
    label: 'LOA type',
    help: 'direct, reseller or blanket. Empty: the profile’s own type.',
    aliases: ['loa type', 'loatype', 'authorization type'],
    templateFor: ['text-enable'],
    example: 'reseller',
  },
  {
    key: 'scheduledOsrUpdateTime',
    label: 'OSR update time',
    help: 'When the carrier record is switched over (date and time with its time zone, e.g. 2026-01-13T14:30:00Z). Not for toll-free.',
    aliases: ['osr update time', 'scheduled osr update time', 'scheduledosrupdatetime', 'osr time'],
    templateFor: ['text-enable'],
    example: '',
  },
  {
    key: 'scheduledZipwhipProvisioningTime',
    label: 'Toll-free provisioning time',
    help: 'Toll-free only: when provisioning runs (date and time with its time zone). A signature after it moves provisioning to the next day.',
    aliases: [
      'toll-free provisioning time',
      'tollfree provisioning time',
      'scheduled zipwhip provisioning time',
      'scheduledzipwhipprovisioningtime',
      'zipwhip provisioning time',
      'provisioning time',
    ],
    templateFor: ['text-enable'],
    example: '',
  },
  {
    key: 'migrateToSinchTmo',
    label: 'Migrate T-Mobile to Sinch',
    help: 'yes when T-Mobile reported the number as held by another aggregator (error 60135). Empty: no.',
    aliases: ['migrate to sinch tmo', 'migratetosinchtmo', 'migrate tmo', 'migrate t-mobile to sinch'],
    templateFor: ['import'],
    example: '',
  },
];

/** Lower case, accents off, only letters and digits: "Numéro de téléphone" → "numerodetelephone". */
export const compactHeader = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const aliasIndex: ReadonlyMap<string, ColumnRole> = new Map(
  INTAKE_FIELDS.flatMap((field) => field.aliases.map((alias) => [compactHeader(alias), field.key] as const)),
);

/**
 * The role a header names, and how sure we are: 2 = an exact alias, 1 = the header contains a
 * phone-number alias ("Contact Phone Number", "Main DID"), 0 = nothing.
 */
export function roleOfHeader(header: string): { role: ColumnRole; score: 1 | 2 } | null {
  const compact = compactHeader(header);
  if (compact === '') return null;
  const exact = aliasIndex.get(compact);
  if (exact) return { role: exact, score: 2 };
  if (
    /phone|msisdn|telephone|telefon|numero|nummer|did$|^tn$/.test(compact) &&
    !/ext|extension/.test(compact)
  )
    return { role: 'phoneNumber', score: 1 };
  return null;
}

export const fieldDefinition = (key: ColumnRole): FieldDefinition => {
  const found = INTAKE_FIELDS.find((f) => f.key === key);
  if (!found) throw new Error(`unknown intake field ${key}`);
  return found;
};
