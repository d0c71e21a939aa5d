import { describe, expect, it } from 'vitest';
import { type LoaProfile, loaProfileCreateSchema } from '../../../../shared/contract';
import {
  checkLoaForm,
  copyLabel,
  emptyLoaForm,
  formFromProfile,
  type LoaFormValues,
  profileRow,
  toProfileInput,
} from './loa-form';

const filled = (kind: 'direct' | 'reseller' = 'reseller'): LoaFormValues => ({
  label: ' Bakery ',
  kind,
  info: {
    businessName: 'Example Bakery LLC',
    authorisedPerson: { firstName: 'Dana', lastName: 'Example', email: 'dana@bakery.example' },
    address: {
      buildingNumber: '12',
      street: 'Main Street',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    currentVoiceCarrier: 'AT&T',
  },
  emailConfirm: 'dana@bakery.example',
});

describe('LOA form view-model', () => {
  it('a filled reseller form checks clean and becomes exactly what the contract accepts', () => {
    expect(checkLoaForm(filled())).toEqual({ errors: {}, warnings: [] });
    const input = toProfileInput(filled());
    expect(loaProfileCreateSchema.parse(input)).toEqual(input);
    expect(input?.label).toBe('Bakery');
  });

  it('a direct profile sends no businessName (the strict schema would refuse it)', () => {
    const input = toProfileInput(filled('direct'));
    expect(input?.info).not.toHaveProperty('businessName');
    expect(loaProfileCreateSchema.safeParse(input).success).toBe(true);
  });

  it('an empty form names every field that needs a value, in words', () => {
    const { errors } = checkLoaForm(emptyLoaForm('reseller'));
    expect(errors.label).toBe('Profile name is required.');
    expect(errors['info.businessName']).toBe('End business name is required.');
    expect(errors['info.authorisedPerson.email']).toBe('Signer’s e-mail is required.');
    expect(errors['info.address.country']).toBeUndefined(); // US by default
    expect(Object.values(errors).every((m) => !/expected|string|Too small/.test(m ?? ''))).toBe(true);
  });

  it('a value too long is worded with its field and limit', () => {
    const long = filled();
    long.info.address.city = 'x'.repeat(101);
    expect(checkLoaForm(long).errors['info.address.city']).toBe('City is too long (at most 100 characters).');
  });

  it('warnings come from the LOA check and do not block', () => {
    const v = filled();
    v.info.authorisedPerson.email = 'dana@gmail.com';
    v.emailConfirm = 'dana@gmail.com';
    const check = checkLoaForm(v);
    expect(check.errors).toEqual({});
    expect(check.warnings.map((w) => w.field)).toEqual(['info.authorisedPerson.email']);
  });

  it('blanket needs nothing and is no profile', () => {
    expect(checkLoaForm(emptyLoaForm('blanket'))).toEqual({ errors: {}, warnings: [] });
    expect(toProfileInput(emptyLoaForm('blanket'))).toBeNull();
  });

  it('duplicating keeps everything but the name, which gets the first free "(copy)"', () => {
    const profile: LoaProfile = {
      id: 'p1',
      label: 'Bakery',
      kind: 'reseller',
      info: toProfileInput(filled())?.info as LoaProfile['info'],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const copy = formFromProfile(profile, { existingLabels: ['Bakery', 'Bakery (copy)'] });
    expect(copy.label).toBe('Bakery (copy 2)');
    expect(copy.info).toEqual(formFromProfile(profile).info);
    expect(copy.emailConfirm).toBe('dana@bakery.example');
    expect(copyLabel('Bakery (copy 2)', ['Bakery (copy)'])).toBe('Bakery (copy 2)');
    expect(profileRow(profile)).toEqual({
      kind: 'Reseller',
      business: 'Example Bakery LLC',
      signer: 'Dana Example',
      email: 'dana@bakery.example',
      carrier: 'AT&T',
      place: 'Springfield, IL 62701',
    });
  });
});
