import type { LoaProfile } from '../../../shared/contract';

/**
 * The Sandbox rehearsal's sample data, shared by the first-run page and the guided text-enable it
 * starts (a screen never imports another, so it lives here). Every value is obviously fictional:
 * 555-01xx numbers (reserved for fiction in the North American plan) and example.com addresses.
 */
export const SAMPLE_PROFILE_LABEL = 'Sample Bakery (rehearsal)';

export const SAMPLE_PROFILE: { label: string; kind: 'reseller'; info: LoaProfile['info'] } = {
  label: SAMPLE_PROFILE_LABEL,
  kind: 'reseller',
  info: {
    businessName: 'Sample Bakery LLC',
    authorisedPerson: { firstName: 'Dana', lastName: 'Sample', email: 'dana@bakery.example.com' },
    address: {
      buildingNumber: '12',
      street: 'Main Street',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    currentVoiceCarrier: 'Verizon',
  },
};

/** Three fictional US numbers to text-enable with the sample profile. */
export const SAMPLE_NUMBERS = ['+12025550142', '+12025550143', '+12025550144'] as const;

/** A made-up SMS service plan id for the rehearsal (the simulator takes any well-formed id). */
export const SAMPLE_SERVICE_PLAN = 'sample-service-plan';
