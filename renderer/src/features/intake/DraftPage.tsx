import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Draft, IntakeRowItem } from '../../../../shared/contract';
import { callDesk, deskQueryKey, deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { type BlockQuery, DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { emptySelection, type Selection, selectedCount } from '../../ui/selection';
import {
  countsLine,
  FILTERS,
  type FilterId,
  filterStatuses,
  nextStep,
  problemsCsv,
  rowWords,
} from './draft-view';
import { ACTIONS, STATUS_WORDS } from './intake-flow';
import './intake.css';

const route = getRouteApi('/intake/$draftId');

/** the number's line (28 px) plus two lines of reason (2 × 17 px, intake.css .draft-rows) and a gap: at 60 a
 * two-line reason touched the next row */
const DRAFT_ROW_HEIGHT = 66;

/**
 * One draft's rows, as the engine holds them (they survive restarts): a status filter in the URL,
 * the number as written next to what it becomes, a fix per row (Enter), values applied to the
 * selection or to every row shown with Undo, the problems as CSV.
 */
export function DraftPage() {
  const { draftId } = route.useParams();
  const { filter = 'all' } = route.useSearch();
  const navigate = route.useNavigate();
  const desk = useDesk();
  const draft = useQuery(deskQueryOptions(desk, 'intake.get', { draftId }));
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [fixing, setFixing] = useState<IntakeRowItem | null>(null);
  const [applying, setApplying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const undo = useDeskMutation('intake.undo');
  const remove = useDeskMutation('intake.remove', { onSuccess: () => setSelection(emptySelection) });

  if (draft.error)
    return (
      <section className="page" aria-labelledby="draft-title">
        <div className="page-head">
          <h1 id="draft-title">Draft</h1>
        </div>
        <ErrorNotice
          title="Could not open this draft"
          error={draft.error}
          {...(draft.error.code === 'NOT_FOUND'
            ? { fix: 'It was discarded or never finished loading. Bring the file in again.' }
            : {})}
          action={
            <Link to="/intake" className="button">
              Back to Bring numbers
            </Link>
          }
        />
      </section>
    );
  if (!draft.data)
    return (
      <p className="loading" aria-live="polite">
        Loading the draft…
      </p>
    );

  const d = draft.data;
  const statuses = filterStatuses(filter);
  const readOnly = d.state !== 'ready';
  const blockQuery: BlockQuery<IntakeRowItem> = (offset, limit) => {
    const input = { draftId, offset, limit, ...(statuses ? { statuses } : {}) };
    return {
      queryKey: deskQueryKey('intake.rows', input),
      queryFn: async () => {
        const page = await callDesk(desk, 'intake.rows', input);
        return { rows: page.items, total: page.total ?? 0 };
      },
    };
  };
  const chosen = selectedCount(selection);
  const next = nextStep(d.counts);

  const exportProblems = async () => {
    setExporting(true);
    try {
      const rows: IntakeRowItem[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await callDesk(desk, 'intake.rows', {
          draftId,
          offset,
          limit: 500,
          statuses: ['error', 'duplicate'],
        });
        rows.push(...page.items);
        if (page.items.length < 500) break;
      }
      const url = URL.createObjectURL(new Blob([problemsCsv(rows)], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${d.name.replace(/[^\w.-]+/g, '-')}-to-fix.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="page page-wide" aria-labelledby="draft-title">
      <div className="page-head page-head-row">
        <div>
          <h1 id="draft-title">{d.name}</h1>
          <p className="page-lede">
            {ACTIONS.find((a) => a.id === d.action)?.label} · {d.rows.toLocaleString('en-US')} rows ·{' '}
            {countsLine(d.counts)}
          </p>
        </div>
        <Link to="/intake" className="button">
          All drafts
        </Link>
      </div>
      {d.state === 'queued' && (
        <p className="notice notice-info" role="status">
          This list was queued{d.batchId ? ` as batch ${d.batchId}` : ''}; it can no longer change.{' '}
          <Link to="/queue" search={d.batchId ? { batch: d.batchId } : {}}>
            Follow it on the Queue
          </Link>
        </p>
      )}
      {/* a qualification request carries the numbers alone: no list value applies */}
      {d.action !== 'qualify' && <ListValues draft={d} readOnly={readOnly} />}
      {d.action === 'text-enable' && <LoaChoice draft={d} readOnly={readOnly} />}
      {d.state === 'ready' && (
        <div className="next-step">
          <p>{next.text}</p>
          <Link
            to="/plan/$draftId"
            params={{ draftId }}
            className={`button${next.action === 'plan' ? ' button-primary' : ''}`}
          >
            Review the plan
          </Link>
        </div>
      )}
      <div className="toolbar" role="toolbar" aria-label="Rows">
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          {FILTERS.map((f) => (
            <label key={f.id} className={`segment${filter === f.id ? ' is-chosen' : ''}`}>
              <input
                type="radio"
                name="filter"
                checked={filter === f.id}
                onChange={() => {
                  setSelection(emptySelection);
                  void navigate({
                    search: { filter: f.id === 'all' ? undefined : (f.id as FilterId) },
                    replace: true,
                  });
                }}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
        <span className="toolbar-spacer" />
        {!readOnly && (
          <>
            <button
              type="button"
              className="button"
              disabled={chosen === 0}
              onClick={() => setApplying(true)}
            >
              Set values…
            </button>
            <button
              type="button"
              className="button"
              disabled={chosen === 0 || selection.kind !== 'ids' || remove.isPending}
              onClick={() =>
                selection.kind === 'ids' && remove.mutate({ draftId, rows: [...selection.ids].map(Number) })
              }
            >
              Remove
            </button>
            <button
              type="button"
              className="button"
              disabled={!d.canUndo || undo.isPending}
              onClick={() => undo.mutate({ draftId })}
            >
              Undo last change
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          disabled={exporting || d.counts.error + d.counts.duplicate === 0}
          onClick={() => void exportProblems()}
        >
          {exporting ? 'Exporting…' : 'Export problems (CSV)'}
        </button>
      </div>
      {(undo.error ?? remove.error) && (
        <ErrorNotice
          title="The change was not made"
          error={(undo.error ?? remove.error) as NonNullable<typeof undo.error>}
        />
      )}
      {/* intake.css: the reason has a line of its own under each row (readable at 900 px) */}
      <div className={`draft-rows${readOnly ? '' : ' is-selectable'}`}>
        <DataTable<IntakeRowItem>
          label="Rows of the list"
          noun="rows"
          rowHeight={DRAFT_ROW_HEIGHT}
          columns={[
            { id: 'row', header: 'Row', width: '64px', cell: (r) => r.row },
            {
              id: 'original',
              header: 'As written',
              cell: (r) => <span className="mono">{r.original || '(empty)'}</span>,
            },
            {
              id: 'e164',
              header: 'Becomes',
              cell: (r) => <span className="mono">{rowWords(r).normalised}</span>,
            },
            {
              id: 'status',
              header: 'Status',
              width: '140px',
              cell: (r) => (
                <StatusBadge tone={STATUS_WORDS[r.status].tone}>{STATUS_WORDS[r.status].label}</StatusBadge>
              ),
            },
            {
              id: 'why',
              header: 'Why',
              // no track of its own: the cell spans the row's second line (intake.css)
              width: '0px',
              cell: (r) => <span title={rowWords(r).why}>{rowWords(r).why}</span>,
            },
          ]}
          rowId={(r) => r.row}
          blockQuery={blockQuery}
          filterKey={`${draftId}:${filter}`}
          empty={
            filter === 'all' ? 'This list has no rows.' : 'No row matches this filter. Choose “All rows”.'
          }
          {...(readOnly
            ? {}
            : { selection, onSelectionChange: setSelection, onOpen: (r: IntakeRowItem) => setFixing(r) })}
        />
      </div>
      {fixing && <FixDialog draftId={draftId} row={fixing} onClose={() => setFixing(null)} />}
      {applying && (
        <ApplyDialog
          draftId={draftId}
          selection={selection}
          statuses={statuses}
          onClose={(done) => {
            setApplying(false);
            if (done) setSelection(emptySelection);
          }}
        />
      )}
    </section>
  );
}

function FixDialog({ draftId, row, onClose }: { draftId: string; row: IntakeRowItem; onClose: () => void }) {
  const [value, setValue] = useState(row.original);
  const edit = useDeskMutation('intake.edit', { onSuccess: onClose });
  return (
    <Dialog
      title={`Fix row ${row.row}`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="fix-row" className="button button-primary" disabled={edit.isPending}>
            Check and save
          </button>
        </>
      }
    >
      <form
        id="fix-row"
        onSubmit={(e) => {
          e.preventDefault();
          edit.mutate({ draftId, row: row.row, original: value });
        }}
      >
        {row.reason && <p className="detail-muted">{row.reason}</p>}
        <div className="field">
          <label className="field-label" htmlFor="fix-number">
            Phone number
          </label>
          <input
            id="fix-number"
            className="input"
            value={value}
            autoFocus
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        {edit.error && <ErrorNotice title="The row was not changed" error={edit.error} />}
      </form>
    </Dialog>
  );
}

function ApplyDialog({
  draftId,
  selection,
  statuses,
  onClose,
}: {
  draftId: string;
  selection: Selection;
  statuses: ReturnType<typeof filterStatuses>;
  onClose: (done?: boolean) => void;
}) {
  const [servicePlanId, setPlan] = useState('');
  const [campaignId, setCampaign] = useState('');
  const apply = useDeskMutation('intake.apply', { onSuccess: () => onClose(true) });
  const count = selectedCount(selection);
  const target =
    selection.kind === 'ids'
      ? { rows: [...selection.ids].map(Number) }
      : statuses
        ? { statuses }
        : { all: true as const };
  const values = {
    ...(servicePlanId.trim() ? { servicePlanId: servicePlanId.trim() } : {}),
    ...(campaignId.trim() ? { campaignId: campaignId.trim() } : {}),
  };
  return (
    <Dialog
      title={`Set values on ${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'}`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <>
          <button type="button" className="button" onClick={() => onClose()}>
            Cancel
          </button>
          <button
            type="submit"
            form="apply-values"
            className="button button-primary"
            disabled={apply.isPending || Object.keys(values).length === 0}
          >
            Set values
          </button>
        </>
      }
    >
      <form
        id="apply-values"
        onSubmit={(e) => {
          e.preventDefault();
          apply.mutate({ draftId, target, values });
        }}
      >
        <p className="detail-muted">Empty fields stay as they are. “Undo last change” takes this back.</p>
        <div className="field">
          <label className="field-label" htmlFor="apply-plan">
            Service plan ID
          </label>
          <input
            id="apply-plan"
            className="input"
            value={servicePlanId}
            autoFocus
            onChange={(e) => setPlan(e.currentTarget.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="apply-campaign">
            Campaign ID
          </label>
          <input
            id="apply-campaign"
            className="input"
            value={campaignId}
            onChange={(e) => setCampaign(e.currentTarget.value)}
          />
        </div>
        {apply.error && <ErrorNotice title="The values were not set" error={apply.error} />}
      </form>
    </Dialog>
  );
}

/**
 * The LOA the list's orders carry (text-enable): a saved profile, or a blanket LOA. Saved on the
 * draft (`intake.update`), so the plan and a later session see the same choice.
 */
function LoaChoice({ draft, readOnly }: { draft: Draft; readOnly: boolean }) {
  const desk = useDesk();
  const profiles = useQuery(deskQueryOptions(desk, 'loaProfiles.list', { limit: 100 }));
  const update = useDeskMutation('intake.update');
  const value = draft.values.loaType === 'blanket' ? 'blanket' : (draft.values.loaProfileId ?? '');
  return (
    <div className="field loa-choice">
      <label className="field-label" htmlFor="draft-loa">
        LOA for these orders
      </label>
      <select
        id="draft-loa"
        className="input"
        value={value}
        disabled={readOnly || update.isPending}
        onChange={(e) => {
          const id = e.currentTarget.value;
          const profile = profiles.data?.items.find((p) => p.id === id);
          update.mutate({
            draftId: draft.id,
            values:
              id === 'blanket'
                ? { ...draft.values, loaType: 'blanket', loaProfileId: undefined }
                : profile
                  ? { ...draft.values, loaProfileId: profile.id, loaType: profile.kind }
                  : { ...draft.values, loaProfileId: undefined, loaType: undefined },
          });
        }}
      >
        <option value="">Choose an LOA profile…</option>
        {profiles.data?.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({p.kind === 'direct' ? 'Direct' : 'Reseller'})
          </option>
        ))}
        <option value="blanket">Blanket LOA (approved by your account manager)</option>
      </select>
      <p className="field-hint">
        The LOA is e-mailed to its signer once per order. <Link to="/loa">Manage LOA profiles</Link>
      </p>
      {update.error && <ErrorNotice title="The LOA choice was not saved" error={update.error} />}
    </div>
  );
}

/**
 * Values for every row that leaves them empty (the workspace defaults fill what is still empty):
 * most lists carry numbers only, and an import needs a service plan.
 */
function ListValues({ draft, readOnly }: { draft: Draft; readOnly: boolean }) {
  const [plan, setPlan] = useState(draft.values.servicePlanId ?? '');
  const [campaign, setCampaign] = useState(draft.values.campaignId ?? '');
  const update = useDeskMutation('intake.update');
  const dirty =
    plan.trim() !== (draft.values.servicePlanId ?? '') || campaign.trim() !== (draft.values.campaignId ?? '');
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return (
    <form
      className="list-values"
      aria-label="Values for the whole list"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          draftId: draft.id,
          values: { ...draft.values, servicePlanId: optional(plan), campaignId: optional(campaign) },
        });
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="list-plan">
          Service plan ID for the list
        </label>
        <input
          id="list-plan"
          className="input"
          value={plan}
          disabled={readOnly}
          onChange={(e) => setPlan(e.currentTarget.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="list-campaign">
          Campaign ID for the list
        </label>
        <input
          id="list-campaign"
          className="input"
          value={campaign}
          disabled={readOnly}
          onChange={(e) => setCampaign(e.currentTarget.value)}
        />
      </div>
      {!readOnly && (
        <button type="submit" className="button" disabled={!dirty || update.isPending}>
          Use for every row
        </button>
      )}
      <p className="field-hint">A row’s own value wins; empty here means the workspace default.</p>
      {update.error && <ErrorNotice title="The values were not saved" error={update.error} />}
    </form>
  );
}
