import type { Failure } from '../../../shared/contract/orders';

/**
 * Plain words for a failed step, for operations staff: what failed and what to do next. Sinch's code
 * and message stay beside them (`Failure.code`, `remoteMessage`). The one wording table for
 * every state and failure code (REFERENCE §7–§8) replaces these sentences when it lands.
 */
const STEP_WORDS: Record<string, string> = {
  osrUpdate: 'The carrier record update (OSR) failed. Ask Sinch support about this order.',
  platformProvisioning:
    'Linking the number to the SMS service plan failed. Check the service plan, then retry.',
  campaignProvisioning:
    'Linking the number to the 10DLC campaign failed. Check that the campaign is active, then retry.',
  smsProvisioning: 'Linking the number to the SMS service plan failed. Check the service plan, then retry.',
  smsAtt: 'SMS set-up at AT&T failed. Ask Sinch support about this number.',
  smsTmo: 'SMS set-up at T-Mobile failed. Ask Sinch support about this number.',
  mmsAtt: 'MMS set-up at AT&T failed. Ask Sinch support about this number.',
  mmsTmo: 'MMS set-up at T-Mobile failed. Ask Sinch support about this number.',
  osrEligibility: 'Sinch found the number not eligible for hosting. It cannot be text-enabled.',
  ownershipVerification:
    'Ownership of the number could not be verified. Send a new voice code or e-mail the invoice.',
};

export function stepFailure(
  step: string,
  state: string,
  code: string | null,
  message: string | null,
): Failure | null {
  if (state !== 'failed') return null;
  return { code, remoteMessage: message, text: STEP_WORDS[step] ?? 'This step failed at Sinch.' };
}
