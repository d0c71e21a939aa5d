import { IntakeError } from './errors';

/**
 * Bytes → text for CSV/TSV files as they come from Excel, Google Sheets, Numbers and CRMs:
 * a BOM wins; UTF-16 without a BOM is recognised by its zero bytes; otherwise UTF-8 if the bytes
 * are valid UTF-8, else Windows-1252 (Excel's "CSV" on Windows, where `é` is one byte).
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

// Runs in workers, Node and browsers alike; shared/ is compiled without DOM or Node types.
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => { decode(input?: Uint8Array): string };

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM: ASCII text leaves every other byte zero.
  const sample = Math.min(bytes.length, 4096) & ~1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = sample / 2;
  if (pairs >= 2 && zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05)
    return { encoding: 'utf-16le', bomLength: 0 };
  if (pairs >= 2 && zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05)
    return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Decode a whole text file; refuses binary files (a picture, a PDF, a zip that is not a workbook). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length === 0)
    throw new IntakeError('EMPTY', 'The file is empty. Choose the file with your numbers.');
  const detected = detectEncoding(bytes);
  const body = bytes.subarray(detected.bomLength);
  let { encoding } = detected;
  if (encoding === 'utf-8') assertText(body);
  let text: string;
  if (encoding === 'utf-8') {
    // Bytes that are not UTF-8 mean Windows-1252 (Excel's CSV on Windows). The lenient decoder is
    // the fast one; only a text with U+FFFD in it (a bad byte, or a real U+FFFD) is checked strictly.
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    if (text.includes('\uFFFD')) {
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
      } catch {
        encoding = 'windows-1252';
        text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
      }
    }
  } else {
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  }
  if (text.trim() === '')
    throw new IntakeError('EMPTY', 'The file has no text in it. Choose the file with your numbers.');
  return { text, encoding };
}

/** Text files have no NUL bytes and few control characters; anything else is not a spreadsheet. */
function assertText(bytes: Uint8Array): void {
  const sample = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < sample; i++) {
    const b = bytes[i] as number;
    if (b === 0)
      control += sample; // one NUL is enough
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) control++;
  }
  if (control > sample * 0.01)
    throw new IntakeError(
      'BINARY',
      'This file is not a spreadsheet or a CSV file (it looks like a picture, a document or another binary file). Save your list as CSV or Excel workbook (.xlsx) and bring that in.',
    );
}
