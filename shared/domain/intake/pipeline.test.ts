import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readColumns } from './columns-reader';
import { readDelimited } from './delimited';
import { IntakeError } from './errors';
import { inspectTable, type IntakeTable, openIntake, readAllRows, readIntakeRows } from './pipeline';
import { MAX_CHUNK_BYTES, MAX_CHUNK_ROWS, MAX_INTAKE_FILE_BYTES, MAX_INTAKE_ROWS } from './limits';
import {
  CASES,
  CSV_VARIANTS,
  type GeneratedFile,
  generateMessyCsv,
  generateMessyXlsx,
} from './testing/generator';
import { templateCsv, templateRows } from './templates';

const ROWS = CASES.length * 20; // ≥ 20 rows per case

async function readGenerated(file: GeneratedFile) {
  const book = await openIntake({ name: file.name, bytes: file.bytes });
  const table = book.table();
  const look = inspectTable(table);
  if (!look.mapping) throw new Error('no mapping');
  return {
    book,
    look,
    ...readAllRows(table, {
      action: 'import',
      mapping: look.mapping,
      headerRow: look.headerRow,
      firstDataRow: look.firstDataRow,
    }),
  };
}

function expectEveryRow(
  file: GeneratedFile,
  rows: { row: number; e164: string | null; status: string; extension: string | null }[],
) {
  expect(rows.map((r) => [r.row, r.e164, r.status, r.extension])).toEqual(
    file.expected.map((e) => [e.row, e.e164, e.status, e.extension]),
  );
}

describe('generated messy files: every row as the generator intended', () => {
  it('has at least 20 rows of every case', () => {
    const file = generateMessyCsv({ seed: 1, rows: ROWS, variant: 'comma' });
    for (const kase of CASES)
      expect(file.expected.filter((r) => r.case === kase).length).toBeGreaterThanOrEqual(20);
  });

  it('is the same file for the same seed', () => {
    const a = generateMessyCsv({ seed: 5, rows: 100, variant: 'crlf' });
    const b = generateMessyCsv({ seed: 5, rows: 100, variant: 'crlf' });
    expect(a.bytes).toEqual(b.bytes);
  });

  it.each(CSV_VARIANTS)('CSV variant %s', async (variant) => {
    const file = generateMessyCsv({ seed: 11, rows: ROWS, variant });
    const { rows, summary, look, book } = await readGenerated(file);
    expect(look.headerRow).toBe(file.headerRow);
    expect(look.mapping?.phone).toBe(3);
    expect(book.info.delimiter).toBe(variant === 'semicolon' ? ';' : variant === 'tab' ? '\t' : ',');
    expectEveryRow(file, rows);
    expect(summary.counts).toEqual(file.counts);
    expect(summary.blankRows).toBe(file.blankRows);
  });

  it('decodes the encodings', async () => {
    const names = async (variant: (typeof CSV_VARIANTS)[number]) => {
      const file = generateMessyCsv({ seed: 12, rows: 30, variant });
      const book = await openIntake({ name: file.name, bytes: file.bytes });
      return {
        encoding: book.info.encoding,
        preview: book
          .table()
          .preview(40)
          .map((r) => r[1]),
      };
    };
    const utf8 = await names('comma');
    for (const variant of ['bom', 'utf16le', 'windows1252'] as const) {
      const other = await names(variant);
      expect(other.preview).toEqual(utf8.preview); // "Zoë Café" survives each encoding
    }
    expect((await names('utf16le')).encoding).toBe('utf-16le');
    expect((await names('windows1252')).encoding).toBe('windows-1252');
  });

  it('XLSX: numbers stored as numbers under a title row, the sheet with numbers picked', async () => {
    const file = await generateMessyXlsx({ seed: 21, rows: ROWS });
    const { rows, look, book, summary } = await readGenerated(file);
    expect(book.info).toMatchObject({ format: 'xlsx', sheets: ['Numbers', 'Notes'] });
    expect(book.suggestedSheet).toBe('Numbers');
    expect(look.headerRow).toBe(file.headerRow);
    expectEveryRow(file, rows);
    expect(summary.counts).toEqual(file.counts);
  });

  it('UTF-16 without a BOM is recognised', async () => {
    const file = generateMessyCsv({ seed: 3, rows: 40, variant: 'utf16le' });
    const { rows, book } = await readGenerated({ ...file, bytes: file.bytes.subarray(2) });
    expect(book.info.encoding).toBe('utf-16le');
    expectEveryRow(file, rows);
  });
});

describe('the projection reader agrees with papaparse (property)', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('', ' ', '"', '""', 'a,b', 'line\nbreak', 'x\r\ny', '"quoted"', ';', '\t'),
  );
  it.each([',', ';', '\t'])('delimiter %j, LF and CRLF', (delimiter) => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, newline, trailing) => {
          const text = Papa.unparse(rows, { delimiter, newline, quotes: false }) + (trailing ? newline : '');
          fc.pre(text.length > 0);
          const papa = [...readDelimited(text, delimiter as ',')].flatMap((p) => p.records);
          const width = Math.max(...papa.map((r) => r.length));
          const columns = [...Array(width).keys()];
          const ours = [...readColumns(text, delimiter, columns, { recordsPerPiece: 3 })].flatMap(
            (p) => p.records,
          );
          expect(ours).toEqual(papa.map((r) => columns.map((c) => r[c] ?? '')));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands malformed quoting to papaparse', async () => {
    const text = 'Phone,Note\n+12025550134,"a"b,c\n"2025550135",ok\n';
    const book = await openIntake({ name: 'odd.csv', bytes: new TextEncoder().encode(text) });
    const table = book.table();
    const projected = [...table.project([0, 1])].flatMap((p) => p.records);
    const papa = [...readDelimited(text, ',')].flatMap((p) => p.records).map((r) => [r[0] ?? '', r[1] ?? '']);
    expect(projected).toEqual(papa);
  });
});

const bytesOf = (text: string) => new TextEncoder().encode(text);
async function refusal(name: string, bytes: Uint8Array): Promise<IntakeError> {
  try {
    const book = await openIntake({ name, bytes });
    const table = book.table();
    const look = inspectTable(table);
    if (!look.mapping) throw new IntakeError('NO_PHONE_COLUMN', 'test: no phone column');
    readAllRows(table, { action: 'import', mapping: look.mapping, headerRow: look.headerRow });
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error(`${name} was read`);
}

describe('files that cannot be read get a clear message', () => {
  it('empty', async () => {
    expect(await refusal('empty.csv', new Uint8Array())).toMatchObject({ code: 'EMPTY' });
    expect(await refusal('blank.csv', bytesOf('\n\n  \r\n'))).toMatchObject({ code: 'EMPTY' });
  });

  it('binary', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0,
    ]);
    const error = await refusal('photo.csv', png);
    expect(error.code).toBe('BINARY');
    expect(error.message).toMatch(/not a spreadsheet or a CSV file/);
  });

  it('.xls (by its bytes, or by its name)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await refusal('numbers.xlsx', ole);
    expect(error.code).toBe('XLS');
    expect(error.message).toMatch(/Save As.*\.xlsx/);
    expect((await refusal('numbers.xls', bytesOf('garbage'))).code).toBe('XLS');
  });

  it('a file over 50 MB', async () => {
    const error = await refusal('big.csv', new Uint8Array(MAX_INTAKE_FILE_BYTES + 1));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/up to 50 MB/) });
  });

  it(`more than ${MAX_INTAKE_ROWS} rows`, async () => {
    const lines = ['Phone'];
    for (let i = 0; i <= MAX_INTAKE_ROWS; i++) lines.push(`+1202${String(2000000 + i)}`);
    const error = await refusal('many.csv', bytesOf(lines.join('\n')));
    expect(error).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringMatching(/more than 100,000 rows/),
    });
  });

  it('an .xlsx that unpacks to more than 200 MB (declared in its zip directory)', async () => {
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': bytesOf('<worksheet/>') }, { level: 0 });
    // central directory entry: signature 0x02014b50, uncompressed size at +24
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i < zip.length - 4; i++)
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 300 * 1024 * 1024, true);
    const error = await refusal('bomb.xlsx', zip);
    expect(error).toMatchObject({
      code: 'UNZIPPED_TOO_LARGE',
      message: expect.stringMatching(/more than 200 MB/),
    });
  });

  it('a truncated .xlsx and a CSV cut inside a quoted cell', async () => {
    const file = await generateMessyXlsx({ seed: 4, rows: 60 });
    const cut = await refusal(file.name, file.bytes.subarray(0, Math.floor(file.bytes.length / 2)));
    expect(cut).toMatchObject({ code: 'DAMAGED', message: expect.stringMatching(/damaged or incomplete/) });
    const csv = await refusal('cut.csv', bytesOf('Phone,Note\n+12025550134,"Porting from\nVeri'));
    expect(csv).toMatchObject({ code: 'TRUNCATED', message: expect.stringMatching(/row 2.*cut off/) });
  });

  it('a file without phone numbers: no column is suggested', async () => {
    const book = await openIntake({
      name: 'names.csv',
      bytes: bytesOf('Name,City\nAna,Austin\nLee,Toronto\n'),
    });
    expect(inspectTable(book.table()).mapping).toBeNull();
  });
});

describe('header row and column mapping', () => {
  const look = async (text: string) =>
    inspectTable((await openIntake({ name: 'x.csv', bytes: bytesOf(text) })).table());

  it.each([
    'Number',
    'Phone Number',
    'TN',
    'DID',
    'MSISDN',
    'Nummer',
    'Numéro',
    'Telefono',
    'Teléfono',
    'Rufnummer',
  ])('finds the header "%s" under title rows', async (header) => {
    const l = await look(`Acme numbers\n\nAccount,${header},Notes\nA1,202-555-0134,x\nA2,202-555-0135,y\n`);
    expect(l).toMatchObject({ headerRow: 2, firstDataRow: 3, mapping: { phone: 1 } });
  });

  it('finds the phone column by its content when no header names it', async () => {
    const l = await look('Ref,Contact\nA1,(202) 555-0134\nA2,(202) 555-0135\nA3,(202) 555-0136\n');
    expect(l.mapping?.phone).toBe(1);
  });

  it('prefers content over a "Number" header that holds account numbers', async () => {
    const l = await look('Number,Line\n12,202-555-0134\n13,202-555-0135\n14,202-555-0136\n');
    expect(l.mapping?.phone).toBe(1);
  });

  it('a pasted column without header, title lines above it skipped', async () => {
    const book = await openIntake({ text: 'My numbers:\n202-555-0134\n(202) 555-0135\n' });
    const table = book.table();
    const l = inspectTable(table);
    expect(l).toMatchObject({ headerRow: -1, firstDataRow: 1, mapping: { phone: 0 } });
    const { rows } = readAllRows(table, {
      action: 'qualify',
      mapping: l.mapping!,
      headerRow: -1,
      firstDataRow: l.firstDataRow,
    });
    expect(rows.map((r) => [r.row, r.e164])).toEqual([
      [2, '+12025550134'],
      [3, '+12025550135'],
    ]);
  });

  it('joins an area code kept in its own column', async () => {
    const text = 'Area code,Phone,Name\n202,555-0134,Ana\n416,555 0135,Lee\n';
    const table = (await openIntake({ name: 'x.csv', bytes: bytesOf(text) })).table();
    const l = inspectTable(table);
    expect(l.mapping).toMatchObject({ phone: 1, areaCode: 0 });
    const { rows } = readAllRows(table, { action: 'import', mapping: l.mapping!, headerRow: l.headerRow });
    expect(rows.map((r) => [r.original, r.e164, r.region])).toEqual([
      ['202 555-0134', '+12025550134', 'US'],
      ['416 555 0135', '+14165550135', 'CA'],
    ]);
  });

  it('maps and parses the optional fields; a bad value is an error naming the field', async () => {
    const text =
      'Phone,Service plan,Campaign,Region,Callback URL,LOA type,OSR update time,Migrate to Sinch TMO\n' +
      '+12025550134,sp1,C1,Canada,https://example.com/cb,Reseller,2026-01-13T09:30:00-05:00,yes\n' +
      '+12025550135,sp1,,US,not a url,,,\n';
    const table = (await openIntake({ name: 'x.csv', bytes: bytesOf(text) })).table();
    const l = inspectTable(table);
    const { rows } = readAllRows(table, {
      action: 'text-enable',
      mapping: l.mapping!,
      headerRow: l.headerRow,
    });
    expect(rows[0]).toMatchObject({
      status: 'valid',
      fields: {
        servicePlanId: 'sp1',
        campaignId: 'C1',
        regionCode: 'CA',
        callbackUrl: 'https://example.com/cb',
        loaType: 'reseller',
        scheduledOsrUpdateTime: '2026-01-13T14:30:00.000Z',
        migrateToSinchTmo: true,
      },
    });
    expect(rows[1]).toMatchObject({ status: 'error', reason: expect.stringMatching(/^Callback URL: /) });
  });

  it('the shape signature is the same for the same columns and differs otherwise', async () => {
    const a = await look('Phone,Name\n202-555-0134,A\n');
    const b = await look('phone , NAME\n202-555-0199,B\n202-555-0198,C\n');
    const c = await look('Phone,Name,City\n202-555-0134,A,X\n');
    expect(a.signature).toBe(b.signature);
    expect(a.signature).not.toBe(c.signature);
  });
});

describe('chunks', () => {
  it(`carry at most ${MAX_CHUNK_ROWS} rows and stay under ${MAX_CHUNK_BYTES} bytes as JSON`, async () => {
    const big = 'x'.repeat(150);
    const lines = ['Phone,Display name,Campaign'];
    for (let i = 0; i < 12_000; i++) lines.push(`+1202${2000000 + i},${i % 3 === 0 ? big : 'n'},C${i}`);
    const table = (await openIntake({ name: 'x.csv', bytes: bytesOf(lines.join('\n')) })).table();
    const l = inspectTable(table);
    let total = 0;
    let chunks = 0;
    for (const chunk of readIntakeRows(table, {
      action: 'import',
      mapping: l.mapping!,
      headerRow: l.headerRow,
    })) {
      chunks++;
      total += chunk.rows.length;
      expect(chunk.rows.length).toBeLessThanOrEqual(MAX_CHUNK_ROWS);
      expect(new TextEncoder().encode(JSON.stringify(chunk.rows)).length).toBeLessThanOrEqual(
        MAX_CHUNK_BYTES,
      );
      expect(chunk.progress).toBeGreaterThan(0);
    }
    expect(total).toBe(12_000);
    expect(chunks).toBeGreaterThan(3);
  });
});

describe('templates', () => {
  it.each(['import', 'qualify', 'text-enable'] as const)(
    'the %s template reads back with every column mapped',
    async (action) => {
      const table: IntakeTable = (
        await openIntake({ name: 't.csv', bytes: bytesOf(templateCsv(action)) })
      ).table();
      const l = inspectTable(table);
      const header = templateRows(action)[0] as string[];
      const mapped = 1 + Object.keys(l.mapping?.fields ?? {}).length;
      expect(mapped).toBe(header.length);
      const { rows } = readAllRows(table, { action, mapping: l.mapping!, headerRow: l.headerRow });
      expect(rows).toHaveLength(1);
      expect(rows[0]?.status).toBe('valid');
    },
  );

  it('text-enable carries the LOA columns; qualify does not', () => {
    expect(templateRows('text-enable')[0]).toEqual(expect.arrayContaining(['LOA profile', 'LOA type']));
    expect(templateRows('qualify')[0]).not.toContain('LOA profile');
  });
});
