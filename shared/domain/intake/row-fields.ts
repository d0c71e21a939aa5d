import type { RegionCode } from '../phone';
import { LOA_TYPES, type PlanLoaType as LoaType } from '../tasks';
import { fieldDefinition, type OptionalFieldKey } from './fields';

/**
 * The optional fields one row carries, parsed from their cells. Empty cells are absent (workspace
 * defaults fill them later, in the engine). A cell that cannot be used makes the row an error whose
 * reason names the field and the fix.
 */
export type IntakeFields = {
  regionCode?: RegionCode;
  servicePlanId?: string;
  campaignId?: string;
  displayName?: string;
  callbackUrl?: string;
  nnid?: string;
  /** the LOA profile's name as typed; the engine resolves it to a saved profile */
  loaProfile?: string;
  loaType?: LoaType;
  /** ISO 8601 UTC */
  scheduledOsrUpdateTime?: string;
  /** ISO 8601 UTC */
  scheduledZipwhipProvisioningTime?: string;
  migrateToSinchTmo?: boolean;
};

type Parsed<T> = { value: T } | { problem: string };

const MAX_ID = 64;
const MAX_TEXT = 200;
const MAX_URL = 2000;

const label = (key: OptionalFieldKey) => fieldDefinition(key).label;

const REGIONS: Record<string, RegionCode> = {
  us: 'US',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  ca: 'CA',
  can: 'CA',
  canada: 'CA',
};

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'ja', 'si', 'sí']);
const NO = new Set(['no', 'n', 'false', '0', 'non', 'nein']);

function parseTime(key: OptionalFieldKey, text: string): Parsed<string> {
  // a zone is required: "14:30" means a different moment in every office
  if (!/(?:z|[+-]\d{2}:?\d{2})$/i.test(text) || Number.isNaN(Date.parse(text)))
    return {
      problem: `${label(key)}: write a date and time with its time zone, e.g. 2026-01-13T14:30:00Z or 2026-01-13T09:30:00-05:00.`,
    };
  return { value: new Date(Date.parse(text)).toISOString() };
}

function parseId(key: OptionalFieldKey, text: string, max = MAX_ID): Parsed<string> {
  if (text.length > max) return { problem: `${label(key)}: at most ${max} characters.` };
  return { value: text };
}

export function parseFieldValue(key: OptionalFieldKey, raw: string): Parsed<IntakeFields[OptionalFieldKey]> {
  const text = raw.trim();
  switch (key) {
    case 'regionCode': {
      const region = REGIONS[text.toLowerCase()];
      return region ? { value: region } : { problem: `${label(key)}: write US or CA.` };
    }
    case 'servicePlanId':
    case 'campaignId':
    case 'loaProfile':
      return parseId(key, text, key === 'loaProfile' ? MAX_TEXT : MAX_ID);
    case 'displayName':
      return parseId(key, text, MAX_TEXT);
    case 'callbackUrl':
      if (!/^https?:\/\/[^\s/]+[^\s]*$/i.test(text) || text.length > MAX_URL)
        return { problem: `${label(key)}: write a full web address starting with https://.` };
      return { value: text };
    case 'nnid':
      return /^\d{1,16}$/.test(text) ? { value: text } : { problem: `${label(key)}: digits only.` };
    case 'loaType': {
      const type = text.toLowerCase() as LoaType;
      return (LOA_TYPES as readonly string[]).includes(type)
        ? { value: type }
        : { problem: `${label(key)}: write direct, reseller or blanket.` };
    }
    case 'scheduledOsrUpdateTime':
    case 'scheduledZipwhipProvisioningTime':
      return parseTime(key, text);
    case 'migrateToSinchTmo': {
      const lower = text.toLowerCase();
      if (YES.has(lower)) return { value: true };
      if (NO.has(lower)) return { value: false };
      return { problem: `${label(key)}: write yes or no.` };
    }
  }
}
