import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DragEvent, Fragment, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { IntakeAction } from '../../../../shared/domain/intake';
import { type Inspected, IntakeReader, IntakeReadError } from '../../lib/intake-reader';
import { templateCsvBlob, templateXlsxBlob } from '../../lib/intake-templates';
import { readIntoDraft } from '../../lib/intake-to-draft';
import { callDesk, deskQueryOptions, useDesk } from '../../lib/query';
import { Progress } from '../../ui/Progress';
import { StatusIcon } from '../../ui/StatusBadge';
import {
  ACTIONS,
  type ColumnRoles,
  describeSource,
  headerChoices,
  layoutKey,
  mappingFromRoles,
  rememberedRoles,
  roleOptions,
  rolesForAction,
  rolesFromMapping,
  type SavedMappings,
  STEP_LABELS,
  type Step,
  setRole,
  stepsFor,
  withRemembered,
} from './intake-flow';
import { DraftsList } from './DraftsList';
import './intake.css';

const MAPPINGS_KEY = 'intake.columnMappings';

type Open = { reader: IntakeReader; inspected: Inspected };

/**
 * "Bring numbers": drop, pick or paste a list → what for → sheet → header row → columns → read.
 * Parsing runs in the intake worker; this page only holds the inspection and what it shows.
 */
export function IntakePage() {
  const [open, setOpen] = useState<Open | null>(null);
  const [opening, setOpening] = useState<{ name: string; fraction: number; abort: AbortController } | null>(
    null,
  );
  const [failure, setFailure] = useState<{ name: string; message: string } | null>(null);
  // read while the file opens, so the wizard starts with the columns chosen last time for its layout
  const desk = useDesk();
  const settings = useQuery(deskQueryOptions(desk, 'settings.get', { keys: [MAPPINGS_KEY] }));
  const saved = settings.data?.items.find((i) => i.key === MAPPINGS_KEY)?.value as SavedMappings | undefined;

  useEffect(() => () => open?.reader.dispose(), [open]);

  const start = async (source: File | { text: string; name: string }) => {
    open?.reader.dispose();
    setOpen(null);
    setFailure(null);
    const abort = new AbortController();
    const name = source.name;
    setOpening({ name, fraction: 0, abort });
    const reader = new IntakeReader();
    try {
      const inspected = await reader.open(source, {
        signal: abort.signal,
        onProgress: (p) => setOpening((o) => (o ? { ...o, fraction: p.fraction } : o)),
      });
      setOpen({ reader, inspected });
    } catch (error) {
      reader.dispose();
      if (!(error instanceof IntakeReadError && error.code === 'CANCELLED'))
        setFailure({ name, message: readErrorText(error) });
    } finally {
      setOpening(null);
    }
  };

  return (
    <section className="page intake-page" aria-labelledby="intake-title">
      <div className="page-head">
        <h1 id="intake-title">Bring numbers</h1>
        <p className="page-lede">
          Drop a spreadsheet or paste a list. Every row is checked before anything is sent, and you can fix
          what needs it.
        </p>
      </div>
      {opening ? (
        <Progress
          label={`Opening ${opening.name}`}
          value={opening.fraction}
          max={1}
          onCancel={() => opening.abort.abort()}
        />
      ) : open ? (
        <Wizard
          key={open.inspected.info.name}
          open={open}
          saved={saved}
          onStartOver={() => {
            open.reader.dispose();
            setOpen(null);
          }}
        />
      ) : (
        <>
          {failure && (
            <div className="notice notice-failed" role="alert">
              <StatusIcon tone="failed" />
              <div className="notice-body">
                <p className="notice-title">{failure.name} could not be read</p>
                <p>{failure.message}</p>
              </div>
            </div>
          )}
          {/* the new list first: with a few drafts listed above it, the drop zone was below the fold at 900×600 */}
          <SourcePicker onSource={(s) => void start(s)} />
          <DraftsList />
          <Templates />
        </>
      )}
    </section>
  );
}

function readErrorText(error: unknown): string {
  if (error instanceof IntakeReadError) return error.message;
  return 'The file reader stopped unexpectedly. Try again; if it happens again, save the file as CSV and try that.';
}

function SourcePicker({ onSource }: { onSource: (source: File | { text: string; name: string }) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const pasteId = useId();
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onSource(file);
  };
  return (
    <div className="intake-sources">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is the mouse's shortcut; the button below does the same by keyboard */}
      <div
        className={`drop-zone${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p className="drop-title">Drop a file here</p>
        <p className="detail-muted">CSV, TSV or Excel (.xlsx) · up to 100,000 rows and 50 MB</p>
        <button type="button" className="button button-primary" onClick={() => fileRef.current?.click()}>
          Choose a file…
        </button>
        <input
          ref={fileRef}
          type="file"
          className="visually-hidden"
          aria-label="Choose a file"
          tabIndex={-1}
          accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,text/tab-separated-values"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onSource(file);
          }}
        />
      </div>
      <div className="paste-box">
        <label htmlFor={pasteId} className="field-label">
          Or paste numbers
        </label>
        <textarea
          id={pasteId}
          className="input paste-input"
          rows={6}
          placeholder={'One per line, any spelling:\n(202) 555-0134\n+1 202 555 0135'}
          value={pasted}
          onChange={(e) => setPasted(e.currentTarget.value)}
        />
        <button
          type="button"
          className="button"
          disabled={pasted.trim() === ''}
          onClick={() => onSource({ text: pasted, name: 'Pasted list' })}
        >
          Use pasted numbers
        </button>
      </div>
    </div>
  );
}

function Templates() {
  const download = (made: { blob: Blob; fileName: string }) => {
    const url = URL.createObjectURL(made.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = made.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section className="templates" aria-labelledby="templates-title">
      <h2 id="templates-title" className="section-title">
        Templates
      </h2>
      <p className="detail-muted">
        Start from a template with the columns each job understands (text-enable includes the LOA columns).
      </p>
      <ul className="template-list">
        {ACTIONS.map((a) => (
          <li key={a.id}>
            <span>{a.label}</span>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => download(templateCsvBlob(a.id))}
            >
              CSV<span className="visually-hidden"> template for {a.label}</span>
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void templateXlsxBlob(a.id).then(download)}
            >
              Excel<span className="visually-hidden"> template for {a.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const layoutOf = (i: Inspected) =>
  layoutKey({
    format: i.info.format,
    sheet: i.sheet,
    headerRow: i.inspection.headerRow,
    columns: i.inspection.columns,
  });

/** The columns chosen last time for this layout, else the pipeline's suggestion. */
function startingRoles(i: Inspected, saved: SavedMappings | undefined) {
  const remembered = rememberedRoles(saved, layoutOf(i), i.inspection.columns);
  return remembered
    ? { roles: remembered, remembered: true }
    : { roles: rolesFromMapping(i.inspection.mapping, i.inspection.columns), remembered: false };
}

function Wizard({
  open,
  saved,
  onStartOver,
}: {
  open: Open;
  saved: SavedMappings | undefined;
  onStartOver: () => void;
}) {
  const desk = useDesk();
  const [inspected, setInspected] = useState(open.inspected);
  const steps = stepsFor(inspected.info);
  const [step, setStep] = useState<Step>('action');
  const [action, setAction] = useState<IntakeAction>('import');
  const [start] = useState(() => startingRoles(open.inspected, saved));
  const [roles, setRoles] = useState<ColumnRoles>(start.roles);
  const [remembered, setRemembered] = useState(start.remembered);
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const at = steps.indexOf(step);
  const go = (next: Step) => {
    setProblem(null);
    setStep(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const reinspect = async (choice: { sheet?: string; headerRow?: number }) => {
    setBusy(true);
    setProblem(null);
    try {
      // Another sheet: its header row is found afresh. Another header row: same sheet.
      const sheet = choice.sheet ?? inspected.sheet;
      const next = await open.reader.inspect({
        ...(sheet === null ? {} : { sheet }),
        ...(choice.headerRow === undefined ? {} : { headerRow: choice.headerRow }),
      });
      setInspected(next);
      const again = startingRoles(next, saved);
      setRoles(again.roles);
      setRemembered(again.remembered);
      setChanging(false);
    } catch (error) {
      setProblem(readErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  const shown = rolesForAction(roles, action);
  const mapping = mappingFromRoles(shown);
  const next = () => {
    if (step === 'columns') {
      if (!mapping.ok) return setProblem(mapping.message);
      // A convenience: if it cannot be saved, this file still reads; the next one asks again.
      void callDesk(desk, 'settings.set', {
        key: MAPPINGS_KEY,
        value: withRemembered(saved ?? {}, layoutOf(inspected), shown),
      }).catch(() => undefined);
    }
    const following = steps[at + 1];
    if (following) go(following);
  };

  return (
    <div className="wizard">
      <div className="wizard-source">
        <span className="mono">{describeSource(inspected.info)}</span>
        <button type="button" className="button button-quiet" onClick={onStartOver}>
          Choose another file
        </button>
      </div>
      <ol className="wizard-steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={i < at ? 'is-done' : ''}>
            <span className="step-number">{i + 1}</span> {STEP_LABELS[s]}
          </li>
        ))}
      </ol>
      <form
        className="wizard-panel"
        aria-labelledby="wizard-step-title"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <h2 id="wizard-step-title" className="section-title" tabIndex={-1} ref={headingRef}>
          {stepTitle(step)}
        </h2>
        {step === 'action' && <ActionStep action={action} onChange={setAction} />}
        {step === 'sheet' && (
          <SheetStep
            sheets={inspected.info.sheets}
            sheet={inspected.sheet}
            disabled={busy}
            onChange={(sheet) => void reinspect({ sheet })}
          />
        )}
        {step === 'header' && (
          <HeaderStep
            inspected={inspected}
            disabled={busy}
            onChange={(headerRow) => void reinspect({ headerRow })}
          />
        )}
        {step === 'columns' && (
          <ColumnsStep
            inspected={inspected}
            action={action}
            roles={shown}
            remembered={remembered && !changing}
            onChangeColumns={() => setChanging(true)}
            onChange={(column, role) => setRoles((r) => setRole(r, column, role))}
          />
        )}
        {step === 'read' && mapping.ok && (
          <ReadStep
            reader={open.reader}
            inspected={inspected}
            options={{
              action,
              mapping: mapping.mapping,
              headerRow: inspected.inspection.headerRow,
              firstDataRow: inspected.inspection.firstDataRow,
              ...(inspected.sheet === null ? {} : { sheet: inspected.sheet }),
            }}
          />
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {step !== 'read' && (
          <div className="form-actions">
            {at > 0 && (
              <button type="button" className="button" onClick={() => go(steps[at - 1] as Step)}>
                Back
              </button>
            )}
            <button type="submit" className="button button-primary" disabled={busy}>
              {steps[at + 1] === 'read' ? 'Check the rows' : 'Next'}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

function stepTitle(step: Step): string {
  switch (step) {
    case 'action':
      return 'What are these numbers for?';
    case 'sheet':
      return 'Which sheet holds the numbers?';
    case 'header':
      return 'Which row holds the column names?';
    case 'columns':
      return 'What is in each column?';
    case 'read':
      return 'Checking every row';
  }
}

function Choice({
  name,
  value,
  checked,
  onChange,
  label,
  hint,
  disabled,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  label: ReactNode;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <label className={`choice${checked ? ' is-chosen' : ''}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        disabled={disabled}
      />
      <span className="choice-label">{label}</span>
      {hint && <span className="choice-hint">{hint}</span>}
    </label>
  );
}

function ActionStep({ action, onChange }: { action: IntakeAction; onChange: (a: IntakeAction) => void }) {
  return (
    <fieldset className="choices">
      <legend className="visually-hidden">What are these numbers for?</legend>
      {ACTIONS.map((a) => (
        <Choice
          key={a.id}
          name="action"
          value={a.id}
          checked={action === a.id}
          onChange={() => onChange(a.id)}
          label={a.label}
          hint={a.hint}
        />
      ))}
    </fieldset>
  );
}

function SheetStep({
  sheets,
  sheet,
  disabled,
  onChange,
}: {
  sheets: readonly string[];
  sheet: string | null;
  disabled: boolean;
  onChange: (sheet: string) => void;
}) {
  return (
    <fieldset className="choices">
      <legend className="visually-hidden">Which sheet holds the numbers?</legend>
      {sheets.map((s) => (
        <Choice
          key={s}
          name="sheet"
          value={s}
          checked={sheet === s}
          onChange={() => onChange(s)}
          label={s}
          disabled={disabled}
        />
      ))}
    </fieldset>
  );
}

function HeaderStep({
  inspected,
  disabled,
  onChange,
}: {
  inspected: Inspected;
  disabled: boolean;
  onChange: (headerRow: number) => void;
}) {
  const choices = headerChoices(inspected.preview);
  const chosen = inspected.inspection.headerRow;
  return (
    <>
      <p className="detail-muted">
        Title rows above the column names are skipped. We suggest row {chosen + 1 || '—'}; change it if the
        preview is wrong.
      </p>
      <fieldset className="choices choices-compact">
        <legend className="visually-hidden">Which row holds the column names?</legend>
        {choices.map((c) => (
          <Choice
            key={c.index}
            name="header"
            value={String(c.index)}
            checked={chosen === c.index}
            onChange={() => onChange(c.index)}
            label={c.label}
            disabled={disabled}
          />
        ))}
      </fieldset>
    </>
  );
}

function ColumnsStep({
  inspected,
  action,
  roles,
  remembered,
  onChangeColumns,
  onChange,
}: {
  inspected: Inspected;
  action: IntakeAction;
  roles: ColumnRoles;
  /** the roles are the ones chosen last time for this layout: say so, show them, offer to change */
  remembered: boolean;
  onChangeColumns: () => void;
  onChange: (column: number, role: ReturnType<typeof roleOptions>[number]['id']) => void;
}) {
  const options = roleOptions(action);
  if (remembered) {
    const used = inspected.inspection.columns.filter((c) => (roles[c.index] ?? 'ignore') !== 'ignore');
    return (
      <div className="remembered-columns">
        <p className="notice notice-info" role="status">
          Using the columns you chose last time for this layout.
        </p>
        <dl className="fact-list remembered-list">
          {used.map((c) => (
            <Fragment key={c.index}>
              <dt>{options.find((o) => o.id === roles[c.index])?.label}</dt>
              <dd>
                {c.label}
                <span className="detail-muted"> · {c.samples.slice(0, 2).join(' · ') || '—'}</span>
              </dd>
            </Fragment>
          ))}
        </dl>
        <button type="button" className="button" onClick={onChangeColumns}>
          Change columns
        </button>
      </div>
    );
  }
  return (
    <table className="facts columns-table">
      <caption className="visually-hidden">Columns of the file</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">First values</th>
          <th scope="col">Use as</th>
        </tr>
      </thead>
      <tbody>
        {inspected.inspection.columns.map((c) => (
          <tr key={c.index}>
            <th scope="row">{c.label}</th>
            <td className="samples">{c.samples.slice(0, 3).join(' · ') || '—'}</td>
            <td>
              <select
                className="input"
                aria-label={`Use ${c.label} as`}
                value={roles[c.index] ?? 'ignore'}
                onChange={(e) => onChange(c.index, e.currentTarget.value as (typeof options)[number]['id'])}
              >
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Reads every row through the worker into a draft (lib/intake-to-draft.ts: create, append each
 * chunk, the last makes it ready; Cancel or an error cancels it), then opens the draft.
 */
function ReadStep({
  reader,
  options,
  inspected,
}: {
  reader: IntakeReader;
  options: Parameters<IntakeReader['read']>[0];
  inspected: Inspected;
}) {
  const desk = useDesk();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<{ fraction: number; rows: number }>({ fraction: 0, rows: 0 });
  const [abort] = useState(() => new AbortController());
  const [result, setResult] = useState<
    { state: 'reading' } | { state: 'cancelled' } | { state: 'failed'; message: string }
  >({ state: 'reading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one read per mount of this step
  useEffect(() => {
    let gone = false;
    readIntoDraft(
      desk,
      reader,
      {
        name: inspected.info.name,
        action: options.action,
        inspected,
        mapping: options.mapping,
        headerRow: options.headerRow,
        ...(options.firstDataRow === undefined ? {} : { firstDataRow: options.firstDataRow }),
      },
      {
        signal: abort.signal,
        onProgress: (p) => !gone && setProgress({ fraction: p.fraction, rows: p.rowsRead ?? 0 }),
      },
    ).then(
      (draft) => {
        if (!gone) void navigate({ to: '/intake/$draftId', params: { draftId: draft.id } });
      },
      (error: unknown) => {
        if (gone) return;
        setResult(
          error instanceof IntakeReadError && error.code === 'CANCELLED'
            ? { state: 'cancelled' }
            : { state: 'failed', message: error instanceof Error ? error.message : readErrorText(error) },
        );
      },
    );
    return () => {
      gone = true;
      abort.abort();
    };
  }, []);

  if (result.state === 'reading')
    return (
      <Progress
        label="Reading rows"
        value={progress.fraction}
        max={1}
        detail={`${progress.rows.toLocaleString('en-US')} rows read`}
        onCancel={() => abort.abort()}
      />
    );
  if (result.state === 'cancelled') return <p role="status">Reading was cancelled. Nothing was kept.</p>;
  return (
    <p className="field-error" role="alert">
      {result.message} Nothing was kept; choose the file again to retry.
    </p>
  );
}
