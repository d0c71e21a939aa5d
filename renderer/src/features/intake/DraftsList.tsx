import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Draft } from '../../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { ActionMenu, Dialog } from '../../ui/aria';
import { DialogButtons } from '../../ui/DialogButtons';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatTime } from '../../ui/time';
import { countsLine, draftState } from './draft-view';
import { ACTIONS } from './intake-flow';

/**
 * The drafts of this workspace (they survive restarts): resume, rename, discard, copy to another
 * workspace. Nothing is shown while there are none — the page's drop zone is the empty state.
 */
export function DraftsList() {
  const desk = useDesk();
  const list = useQuery(deskQueryOptions(desk, 'intake.list', { offset: 0, limit: 50 }));
  const [dialog, setDialog] = useState<{ kind: 'rename' | 'discard' | 'copy'; draft: Draft } | null>(null);

  if (list.error)
    return (
      <ErrorNotice
        title="Could not load your drafts"
        error={list.error}
        action={
          <button type="button" className="button" onClick={() => void list.refetch()}>
            Try again
          </button>
        }
      />
    );
  const drafts = list.data?.items ?? [];
  if (drafts.length === 0) return null;
  return (
    <section className="drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="section-title">
        Drafts
      </h2>
      <table className="facts drafts-table">
        <caption className="visually-hidden">Drafts</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">State</th>
            <th scope="col">Rows</th>
            <th scope="col">Changed</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => {
            const state = draftState(d.state);
            return (
              <tr key={d.id}>
                <th scope="row">
                  <Link to="/intake/$draftId" params={{ draftId: d.id }} className="link-button">
                    {d.name}
                  </Link>
                  <div className="detail-muted">{ACTIONS.find((a) => a.id === d.action)?.label}</div>
                </th>
                <td>
                  <StatusBadge tone={state.tone}>{state.label}</StatusBadge>
                </td>
                <td>
                  {d.rows.toLocaleString('en-US')}
                  <div className="detail-muted">{countsLine(d.counts)}</div>
                </td>
                <td>
                  {formatDate(d.updatedAt)} {formatTime(d.updatedAt)}
                </td>
                <td className="actions">
                  <ActionMenu
                    label="Actions"
                    accessibleName={`Actions for ${d.name}`}
                    actions={[
                      { id: 'rename', label: 'Rename…', disabled: d.state === 'loading' },
                      { id: 'copy', label: 'Copy to another workspace…', disabled: d.state === 'loading' },
                      { id: 'discard', label: 'Discard…', danger: true, disabled: d.state === 'queued' },
                    ]}
                    onAction={(id) => setDialog({ kind: id as 'rename' | 'discard' | 'copy', draft: d })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {dialog?.kind === 'rename' && <RenameDialog draft={dialog.draft} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'discard' && <DiscardDialog draft={dialog.draft} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'copy' && <CopyDialog draft={dialog.draft} onClose={() => setDialog(null)} />}
    </section>
  );
}

function RenameDialog({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const [name, setName] = useState(draft.name);
  const rename = useDeskMutation('intake.update', { onSuccess: onClose });
  return (
    <Dialog
      title={`Rename “${draft.name}”`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <DialogButtons onCancel={onClose} action="Rename" disabled={name.trim() === ''} form="rename-draft" />
      }
    >
      <form
        id="rename-draft"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ draftId: draft.id, name: name.trim() });
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="draft-name">
            Name
          </label>
          <input
            id="draft-name"
            className="input"
            value={name}
            autoFocus
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </div>
        {rename.error && <ErrorNotice title="The draft was not renamed" error={rename.error} />}
      </form>
    </Dialog>
  );
}

function DiscardDialog({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const discard = useDeskMutation('intake.discard', { onSuccess: onClose });
  return (
    <Dialog
      title={`Discard “${draft.name}”?`}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <DialogButtons
          cancel="Keep it"
          onCancel={onClose}
          action="Discard draft"
          danger
          disabled={discard.isPending}
          onAction={() => discard.mutate({ draftId: draft.id })}
        />
      }
    >
      <p>
        Its {draft.rows.toLocaleString('en-US')} rows and your fixes are deleted. The file itself is not
        touched.
      </p>
      {discard.error && <ErrorNotice title="The draft was not discarded" error={discard.error} />}
    </Dialog>
  );
}

function CopyDialog({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const desk = useDesk();
  const workspaces = useQuery(deskQueryOptions(desk, 'workspaces.list', { limit: 100 }));
  const others = (workspaces.data?.items ?? []).filter((w) => !w.active);
  const [target, setTarget] = useState<string>('');
  const [done, setDone] = useState<string | null>(null);
  const copy = useDeskMutation('intake.copy', {
    onSuccess: () => setDone(others.find((w) => w.id === target)?.name ?? 'the other workspace'),
  });
  return (
    <Dialog
      title={`Copy “${draft.name}” to another workspace`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        done ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <DialogButtons
            onCancel={onClose}
            action="Copy"
            disabled={target === '' || copy.isPending}
            onAction={() => copy.mutate({ draftId: draft.id, workspaceId: target })}
          />
        )
      }
    >
      {done ? (
        <p role="status">
          Copied to {done}. Switch to it to review the copy: its rows are checked against that workspace.
        </p>
      ) : others.length === 0 ? (
        <p>There is no other workspace yet. Add a Live workspace in Settings first.</p>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor="copy-target">
            Workspace
          </label>
          <select
            id="copy-target"
            className="input"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
          >
            <option value="">Choose…</option>
            {others.map((w) => (
              <option key={w.id} value={w.id}>
                {w.kind === 'sandbox' ? 'Sandbox' : `Live: ${w.name}`}
              </option>
            ))}
          </select>
        </div>
      )}
      {copy.error && <ErrorNotice title="The draft was not copied" error={copy.error} />}
    </Dialog>
  );
}
