import type { Draft, Input } from '../../../shared/contract';
import type { IntakeAction, IntakeMapping } from '../../../shared/domain/intake';
import type { Desk } from './desk';
import { type Inspected, type IntakeReader, IntakeReadError, type Progress } from './intake-reader';

/**
 * The whole "bring a file in" path for a screen, after the mapping step: a draft is created, every
 * chunk the worker reads is appended (the worker waits for each), the last one makes it ready. On
 * Cancel, a read error or a refused chunk the draft is cancelled, so nothing half-read is left
 * behind (a restart while loading removes it too: electron/core/intake).
 *
 *   const reader = new IntakeReader();
 *   const inspected = await reader.open(file);                  // show sheet / header row / mapping
 *   const draft = await readIntoDraft(desk, reader, { name, action, inspected, mapping }, { signal, onProgress });
 */
export type ReadIntoDraftOptions = {
  name: string;
  action: IntakeAction;
  inspected: Inspected;
  /** the mapping the user confirmed (default: the suggested one) */
  mapping?: IntakeMapping;
  headerRow?: number;
  firstDataRow?: number;
  values?: Input<'intake.create'>['values'];
};

export async function readIntoDraft(
  desk: Pick<Desk, 'call'>,
  reader: IntakeReader,
  options: ReadIntoDraftOptions,
  call: { signal?: AbortSignal; onProgress?: (progress: Progress) => void } = {},
): Promise<Draft> {
  const { inspected } = options;
  const mapping = options.mapping ?? inspected.inspection.mapping;
  if (!mapping)
    throw new IntakeReadError(
      'NO_PHONE_COLUMN',
      'No column of this file holds phone numbers. Choose the column with the numbers.',
    );
  const created = await desk.call('intake.create', {
    name: options.name,
    action: options.action,
    source: {
      fileName: inspected.info.name,
      ...(inspected.sheet === null ? {} : { sheet: inspected.sheet }),
      size: inspected.info.size,
      format: inspected.info.format,
      signature: inspected.inspection.signature,
    },
    mapping,
    ...(options.values ? { values: options.values } : {}),
  });
  if (!created.ok) throw new IntakeReadError(created.error.code, created.error.message);
  const draftId = created.value.id;
  let pending: { rows: Input<'intake.append'>['rows'] } | null = null;
  let last: Draft = created.value;
  const send = async (rows: Input<'intake.append'>['rows'], final: boolean) => {
    const appended = await desk.call('intake.append', { draftId, rows, last: final });
    if (!appended.ok) throw new IntakeReadError(appended.error.code, appended.error.message);
    last = appended.value;
  };
  try {
    // one chunk is held back so the final append can say `last` (the summary comes after the chunks)
    await reader.read(
      {
        action: options.action,
        mapping,
        headerRow: options.headerRow ?? inspected.inspection.headerRow,
        firstDataRow: options.firstDataRow ?? inspected.inspection.firstDataRow,
        ...(inspected.sheet === null ? {} : { sheet: inspected.sheet }),
      },
      async (chunk) => {
        if (pending) await send(pending.rows, false);
        pending = { rows: chunk.rows };
      },
      call,
    );
    await send((pending as { rows: Input<'intake.append'>['rows'] } | null)?.rows ?? [], true);
    return last;
  } catch (error) {
    await desk.call('intake.cancel', { draftId });
    throw error;
  }
}
