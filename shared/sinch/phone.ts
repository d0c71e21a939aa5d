import { z } from 'zod';
import { regionCode } from './enums';

/**
 * The server-side phone syntax of REFERENCE.md §3.1: `+1` and exactly ten digits. Area-code validity
 * is NOT checked here on purpose — Sinch's own examples (`+11234567890`) would fail it; the app's
 * intake (libphonenumber-js) is stricter and runs before anything is queued.
 */
export const SINCH_E164 = /^\+1\d{10}$/;

export const isSinchPhoneNumber = (value: string): boolean => SINCH_E164.test(value);

export const sinchPhoneNumber = z
  .string()
  .regex(SINCH_E164, 'must be +1 followed by 10 digits (E.164, US/CA)');

/** `regionCode` must be US or CA for every operation that takes one. */
export const sinchRegionCode = regionCode;

/**
 * Phone numbers in path segments are sent percent-encoded (`%2B…`, REFERENCE.md §3.1: percent-encoding
 * is the safe choice; which form the live server requires is unconfirmed).
 */
export const encodePathSegment = (value: string): string => encodeURIComponent(value);
