import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPhone } from '../phone';
import { createPhoneCellReader, SCIENTIFIC_REASON } from './phone-cell';

const read = createPhoneCellReader();

/** A valid number as its parts, from a few real area codes (US, CA, toll-free). */
const validNumber = fc
  .record({
    npa: fc.constantFrom('202', '212', '415', '617', '713', '416', '604', '514', '800', '888'),
    nxx: fc.integer({ min: 200, max: 999 }).map(String),
    line: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  })
  .filter(({ npa, nxx, line }) => classifyPhone(`+1${npa}${nxx}${line}`).ok);

type Parts = { npa: string; nxx: string; line: string };
const SPELLINGS: ((n: Parts) => string)[] = [
  (n) => `+1${n.npa}${n.nxx}${n.line}`,
  (n) => `(${n.npa}) ${n.nxx}-${n.line}`,
  (n) => `${n.npa}-${n.nxx}-${n.line}`,
  (n) => `${n.npa}.${n.nxx}.${n.line}`,
  (n) => `${n.npa} ${n.nxx} ${n.line}`,
  (n) => `+1 ${n.npa} ${n.nxx} ${n.line}`,
  (n) => `+1 (${n.npa}) ${n.nxx}-${n.line}`,
  (n) => `1-${n.npa}-${n.nxx}-${n.line}`,
  (n) => `1 (${n.npa}) ${n.nxx}-${n.line}`,
  (n) => `1${n.npa}${n.nxx}${n.line}`,
  (n) => `${n.npa}${n.nxx}${n.line}`,
  (n) => `+1-${n.npa}-${n.nxx}-${n.line}`,
  (n) => `${n.npa}/${n.nxx}-${n.line}`,
  (n) => `tel:+1${n.npa}${n.nxx}${n.line}`,
  (n) => `TEL:+1-${n.npa}-${n.nxx}-${n.line}`,
  (n) => `'${n.npa}${n.nxx}${n.line}`,
  (n) => `="${n.npa}${n.nxx}${n.line}"`,
  (n) => `001 ${n.npa} ${n.nxx} ${n.line}`,
  (n) => `011 1 ${n.npa} ${n.nxx} ${n.line}`,
  (n) => `001${n.npa}${n.nxx}${n.line}`,
  (n) => `0111${n.npa}${n.nxx}${n.line}`,
  (n) => `${n.npa}${n.nxx}${n.line}.0`,
  (n) => `${n.npa}\u2011${n.nxx}\u2013${n.line}`,
  (n) => `\u00a0${n.npa}\u00a0${n.nxx}\u00a0${n.line}\u00a0`,
  (n) => `(${n.npa})${n.nxx}-${n.line}`,
];
const EXTENSIONS = [' x12', ' ext. 12', ' ext 12', ' #12', ';ext=12', ' extension 12', ', x 12', ' X12'];

describe('reading a phone cell', () => {
  it('any spelling of a valid number normalises to the same E.164 (property)', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 0, max: SPELLINGS.length - 1 }),
        fc.boolean(),
        (n, s, pad) => {
          const e164 = `+1${n.npa}${n.nxx}${n.line}`;
          const cell = (SPELLINGS[s] as (p: Parts) => string)(n);
          const reading = read(pad ? `  ${cell} ` : cell);
          expect(reading).toMatchObject({ ok: true, e164, extension: null, national: Number(e164.slice(2)) });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('an extension is stripped and reported, whatever its spelling (property)', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.constantFrom(...EXTENSIONS),
        fc.integer({ min: 0, max: 2 }),
        (n, ext, s) => {
          const cell = (SPELLINGS[s + 1] as (p: Parts) => string)(n) + ext;
          expect(read(cell)).toMatchObject({
            ok: true,
            e164: `+1${n.npa}${n.nxx}${n.line}`,
            extension: '12',
          });
        },
      ),
    );
  });

  it('agrees with the shared classifier on whatever it accepts, and never throws (property)', () => {
    const cells = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[+0-9 ().\-x#]{0,24}$/),
      fc.constantFrom('', ' ', '+', '++1', '1', '+1', '(', 'ext 5', 'x', '1e10', '２０２５５５０１３４'),
    );
    fc.assert(
      fc.property(cells, (cell) => {
        const reading = read(cell);
        if (reading.ok) {
          expect(reading.e164).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
          const shared = classifyPhone(reading.e164);
          expect(shared).toMatchObject({ ok: true, e164: reading.e164, tollFree: reading.tollFree });
        } else {
          expect(reading.reason.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the fast path and the general path give the same verdict', () => {
    // "202-555-0134" takes the fast path, "tel:202-555-0134" the general one
    for (const digits of [
      '2025550134',
      '1235550134',
      '2021550134',
      '8765550134',
      '20255501',
      '4165550134',
      '8005550199',
    ])
      expect(read(digits)).toEqual(read(`tel:${digits}`));
  });

  it('says plainly what is wrong', () => {
    expect(read('2.02555014E+09')).toMatchObject({ ok: false, reason: SCIENTIFIC_REASON });
    expect(read('')).toMatchObject({ ok: false, reason: 'The phone number is empty.' });
    expect(read('555-0134')).toMatchObject({ ok: false, reason: expect.stringMatching(/10 digits.*has 7/) });
    expect(read('(123) 555-0134')).toMatchObject({ ok: false, reason: expect.stringMatching(/area code/) });
    expect(read('(202) 155-0134')).toMatchObject({ ok: false, reason: expect.stringMatching(/exchange/) });
    expect(read('+44 20 7946 0958')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/US and Canadian/),
    });
    expect(read('+1 876 555 0134')).toMatchObject({ ok: false, reason: expect.stringMatching(/Jamaica/) });
    expect(read('1-800-FLOWERS')).toMatchObject({ ok: false, reason: expect.stringMatching(/Letters/) });
  });

  it('classifies region and toll-free; a toll-free number takes the row’s region', () => {
    expect(read('416 555 0134')).toMatchObject({ ok: true, region: 'CA', tollFree: false });
    expect(read('800 555 0199')).toMatchObject({ ok: true, region: 'US', tollFree: true });
    expect(read('800 555 0199', 'CA')).toMatchObject({ ok: true, region: 'CA', tollFree: true });
  });
});
