import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoaProfile } from '../../../../shared/contract';
import { deskQueryOptions, isDeskError, useDesk, useDeskMutation } from '../../lib/query';
import { ActionMenu, Dialog } from '../../ui/aria';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { QueryState } from '../../ui/QueryState';
import { ApplyEditDialog, CopyToWorkspaceDialog } from './LoaDialogs';
import { LoaEditor, type SavedProfile } from './LoaEditor';
import { deleteConflictText, profileRow } from './loa-form';
import { isTypingTarget, pageWindow } from './loa-list';
import './loa.css';

const route = getRouteApi('/loa');
export const PAGE_SIZE = 50;

/**
 * LOA profiles: the end businesses and signers LOAs go to, entered once and reused by every batch.
 * Keyboard: `/` searches, `n` starts a new profile; the editor opens in place (Escape or Back
 * returns to the list).
 */
export function LoaPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [notice, setNotice] = useState<string | null>(null);
  /** an edited profile whose queued orders may still carry the old details */
  const [edited, setEdited] = useState<SavedProfile | null>(null);
  const answered = useCallback((text: string) => {
    setEdited(null);
    setNotice(text);
  }, []);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (search.open || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target))
        return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        void navigate({ search: (s) => ({ ...s, open: 'new', copy: undefined }) });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, search.open]);

  if (search.open)
    return (
      <section className="page" aria-labelledby="loa-title">
        <LoaEditor
          key={`${search.open}:${search.copy ?? ''}`}
          open={search.open}
          copyOf={search.copy}
          onDone={(saved) => {
            setNotice(saved && !saved.edited ? `Saved “${saved.label}”.` : null);
            setEdited(saved?.edited ? saved : null);
            void navigate({ search: (s) => ({ ...s, open: undefined, copy: undefined }) });
          }}
        />
      </section>
    );

  return (
    <section className="page" aria-labelledby="loa-title">
      <div className="page-head page-head-row">
        <div>
          <h1 id="loa-title">LOA profiles</h1>
          <p className="page-lede">
            The businesses and signers your Letters of Authorization go to. Enter one once; every batch can
            use it.
          </p>
        </div>
        <button
          type="button"
          className="button button-primary"
          aria-keyshortcuts="n"
          onClick={() => void navigate({ search: (s) => ({ ...s, open: 'new', copy: undefined }) })}
        >
          New profile
        </button>
      </div>
      <p className="loa-notice" role="status">
        {notice}
      </p>
      <div className="toolbar">
        <label className="toolbar-search">
          <span className="visually-hidden">Search profiles</span>
          <input
            ref={searchRef}
            type="search"
            className="input"
            placeholder="Search name, business, signer or e-mail  ( / )"
            aria-keyshortcuts="/"
            defaultValue={search.q ?? ''}
            onChange={(e) => {
              const q = e.currentTarget.value.trim();
              void navigate({
                search: (s) => ({ ...s, q: q === '' ? undefined : q, offset: undefined }),
                replace: true,
              });
            }}
          />
        </label>
      </div>
      <ProfileList
        text={search.q}
        offset={search.offset ?? 0}
        onNotice={setNotice}
        onEdit={(id) => void navigate({ search: (s) => ({ ...s, open: id, copy: undefined }) })}
        onDuplicate={(id) => void navigate({ search: (s) => ({ ...s, open: 'new', copy: id }) })}
        onPage={(offset) =>
          void navigate({ search: (s) => ({ ...s, offset: offset === 0 ? undefined : offset }) })
        }
        onNew={() => void navigate({ search: (s) => ({ ...s, open: 'new', copy: undefined }) })}
      />
      {edited && <ApplyEditDialog profile={edited} onClose={answered} />}
    </section>
  );
}

function ProfileList({
  text,
  offset,
  onEdit,
  onDuplicate,
  onPage,
  onNew,
  onNotice,
}: {
  text: string | undefined;
  offset: number;
  onEdit: (id: string) => void;
  onDuplicate: (id: string) => void;
  onPage: (offset: number) => void;
  onNew: () => void;
  onNotice: (text: string) => void;
}) {
  const desk = useDesk();
  const list = useQuery(
    deskQueryOptions(desk, 'loaProfiles.list', { offset, limit: PAGE_SIZE, ...(text ? { text } : {}) }),
  );
  const [deleting, setDeleting] = useState<LoaProfile | null>(null);
  const [copying, setCopying] = useState<LoaProfile | null>(null);

  if (list.isError || list.isPending)
    return (
      <QueryState query={list} errorTitle="Could not load the LOA profiles" loading="Loading profiles…" />
    );
  const { items, total = items.length } = list.data;
  if (items.length === 0)
    return text ? (
      <EmptyState title={`No profile matches “${text}”`}>
        Search looks at the profile name, the end business, the signer’s name and e-mail. Clear the search to
        see every profile.
      </EmptyState>
    ) : (
      <EmptyState
        title="No LOA profiles yet"
        action={
          <button type="button" className="button button-primary" onClick={onNew}>
            New profile
          </button>
        }
      >
        A profile holds the end business, the person who signs the LOA and the service address. Create one
        here, then choose it when you bring in numbers to text-enable.
      </EmptyState>
    );

  const win = pageWindow(offset, PAGE_SIZE, total, items.length);
  return (
    <>
      <table className="facts loa-table">
        <caption className="visually-hidden">LOA profiles</caption>
        <thead>
          <tr>
            <th scope="col">Profile</th>
            <th scope="col">Kind</th>
            <th scope="col">End business</th>
            <th scope="col">Signer</th>
            <th scope="col">Current carrier</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const row = profileRow(p);
            return (
              <tr key={p.id}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onEdit(p.id)}>
                    {p.label}
                  </button>
                  <div className="detail-muted">{row.place}</div>
                </th>
                <td>{row.kind}</td>
                <td>{row.business}</td>
                <td>
                  {row.signer}
                  <div className="detail-muted">{row.email}</div>
                </td>
                <td>{row.carrier}</td>
                <td className="actions">
                  <ActionMenu
                    label="Actions"
                    accessibleName={`Actions for ${p.label}`}
                    actions={[
                      { id: 'edit', label: 'Edit' },
                      { id: 'duplicate', label: 'Duplicate' },
                      { id: 'copy', label: 'Copy to workspace…' },
                      { id: 'delete', label: 'Delete…', danger: true },
                    ]}
                    onAction={(id) => {
                      if (id === 'edit') onEdit(p.id);
                      else if (id === 'duplicate') onDuplicate(p.id);
                      else if (id === 'copy') setCopying(p);
                      else setDeleting(p);
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(win.previous !== null || win.next !== null) && (
        <nav className="pager" aria-label="Profile pages">
          <span>{win.text}</span>
          <button
            type="button"
            className="button"
            disabled={win.previous === null}
            onClick={() => win.previous !== null && onPage(win.previous)}
          >
            Previous
          </button>
          <button
            type="button"
            className="button"
            disabled={win.next === null}
            onClick={() => win.next !== null && onPage(win.next)}
          >
            Next
          </button>
        </nav>
      )}
      {copying && (
        <CopyToWorkspaceDialog
          profile={copying}
          onClose={(copied) => {
            setCopying(null);
            if (copied) onNotice(copied);
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          profile={deleting}
          onClose={(deleted) => {
            setDeleting(null);
            if (deleted) onNotice(`Deleted “${deleted}”.`);
          }}
        />
      )}
    </>
  );
}

function DeleteDialog({ profile, onClose }: { profile: LoaProfile; onClose: (deleted?: string) => void }) {
  const remove = useDeskMutation('loaProfiles.delete', { onSuccess: () => onClose(profile.label) });
  return (
    <Dialog
      title={`Delete “${profile.label}”?`}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <>
          <button type="button" className="button" onClick={() => onClose()}>
            Keep it
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ id: profile.id })}
          >
            Delete profile
          </button>
        </>
      }
    >
      <p>
        Orders already queued or sent keep the LOA they were queued with. Batches you prepare from now on can
        no longer choose this profile.
      </p>
      {remove.error && (
        <ErrorNotice
          title="The profile was not deleted"
          error={remove.error}
          {...(isDeskError(remove.error) && remove.error.code === 'CONFLICT'
            ? { fix: deleteConflictText(profile.label) }
            : {})}
        />
      )}
    </Dialog>
  );
}
