import { describe, expect, it } from 'vitest';
import { directLoaInfoInput, resellerLoaInfoInput } from '../contract/loa';
import { checkLoa, LOA_FIELD_LABELS, type LoaCheckInput, loaErrors, loaWarnings } from './loa-check';

const good = (): LoaCheckInput => ({
  kind: 'reseller',
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
    currentVoiceCarrier: 'Example Telecom',
  },
  emailConfirm: 'dana@bakery.example',
});

const messages = (input: LoaCheckInput) =>
  checkLoa(input).map((f) => `${f.severity} ${f.field}: ${f.message}`);

describe('checkLoa', () => {
  it('finds nothing in a good LOA, which the contract schema accepts as well', () => {
    expect(checkLoa(good())).toEqual([]);
    expect(resellerLoaInfoInput.safeParse(good().info).success).toBe(true);
  });

  it('every required field blank is an error naming that field; a direct LOA needs no business name', () => {
    const blank = good();
    blank.info = {
      businessName: ' ',
      authorisedPerson: { firstName: '', lastName: '', email: '' },
      address: { buildingNumber: '', street: '', city: '', state: '', postalCode: '', country: '' },
      currentVoiceCarrier: '',
    };
    blank.emailConfirm = '';
    const errors = loaErrors(checkLoa(blank));
    expect(errors.map((e) => e.field).sort()).toEqual(
      Object.keys(LOA_FIELD_LABELS)
        .filter((f) => f !== 'label')
        .sort(),
    );
    for (const e of errors)
      expect(e.message.startsWith(LOA_FIELD_LABELS[e.field as keyof typeof LOA_FIELD_LABELS])).toBe(true);
    expect(loaErrors(checkLoa({ ...blank, kind: 'direct' })).map((e) => e.field)).not.toContain(
      'info.businessName',
    );
  });

  it('the e-mail typed twice must match (case and spaces aside); the check is skipped when not asked', () => {
    expect(checkLoa({ ...good(), emailConfirm: ' DANA@bakery.example ' })).toEqual([]);
    expect(messages({ ...good(), emailConfirm: 'dana@bakery.exmaple' })).toEqual([
      'error emailConfirm: Signer’s e-mail again does not match the signer’s e-mail. The LOA is e-mailed there: type it again.',
    ]);
    expect(checkLoa({ ...good(), emailConfirm: undefined })).toEqual([]);
  });

  it('a malformed e-mail is an error', () => {
    const input = good();
    input.info.authorisedPerson.email = 'dana at bakery';
    input.emailConfirm = 'dana at bakery';
    expect(messages(input)).toEqual([
      'error info.authorisedPerson.email: Signer’s e-mail is not an e-mail address (name@company.com).',
    ]);
  });

  it('postal codes are checked per country: US ZIP and ZIP+4, Canadian A1A 1A1; others only warned about', () => {
    const withPostal = (country: string, postalCode: string) => {
      const input = good();
      input.info.address = {
        ...input.info.address,
        country,
        postalCode,
        state: country === 'US' ? 'IL' : 'ON',
      };
      return loaErrors(checkLoa(input)).map((f) => f.field);
    };
    expect(withPostal('US', '01002')).toEqual([]);
    expect(withPostal('USA', '10001-1234')).toEqual([]);
    expect(withPostal('US', '1002')).toEqual(['info.address.postalCode']);
    expect(withPostal('US', 'K1A 0B1')).toEqual(['info.address.postalCode']);
    expect(withPostal('CA', 'K1A 0B1')).toEqual([]);
    expect(withPostal('Canada', 'k1a0b1')).toEqual([]);
    expect(withPostal('CA', '62701')).toEqual(['info.address.postalCode']);
    const abroad = good();
    abroad.info.address.country = 'Germany';
    abroad.info.address.postalCode = '10115';
    expect(messages(abroad)).toEqual([
      'warning info.address.country: Country is not the United States or Canada: Sinch hosts US and Canadian numbers (write US).',
    ]);
  });

  it('warns about a personal mailbox, an unknown carrier, a building number without digits, a PO box, a spelled-out state', () => {
    const input = good();
    input.info.authorisedPerson.email = 'dana@Gmail.com';
    input.emailConfirm = 'dana@gmail.com';
    input.info.currentVoiceCarrier = 'unknown';
    input.info.address.buildingNumber = 'Main';
    input.info.address.street = 'PO Box 12';
    input.info.address.state = 'Illinois';
    expect(loaErrors(checkLoa(input))).toEqual([]);
    expect(loaWarnings(checkLoa(input)).map((w) => w.field)).toEqual([
      'info.authorisedPerson.email',
      'info.address.state',
      'info.address.buildingNumber',
      'info.address.street',
      'info.currentVoiceCarrier',
    ]);
    expect(messages(input)[0]).toContain('personal mailbox (gmail.com)');
  });

  it('a building number left in Street is pointed at', () => {
    const input = good();
    input.info.address.buildingNumber = '';
    input.info.address.street = '12B Main Street';
    expect(messages(input)).toEqual([
      'error info.address.buildingNumber: Building number is required: move 12B from Street to here (carriers match the address by its number).',
    ]);
  });

  it('a blank carrier is an error that says what to write', () => {
    const input = good();
    input.info.currentVoiceCarrier = '  ';
    expect(messages(input)).toEqual([
      'error info.currentVoiceCarrier: Current voice carrier is required: name the carrier the numbers are with today (the LOA is sent to them).',
    ]);
    expect(directLoaInfoInput.safeParse({ ...input.info, businessName: undefined }).success).toBe(false);
  });
});
