import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LoaProfile } from '../../../../shared/contract';
import { deskQueryOptions, isDeskError, useDesk, useDeskMutation } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { queuedAnswer, queuedQuestion, workspaceName } from './loa-list';

/** "Copy to workspace…": the other workspaces as a list to pick from; the copy keeps the name. */
export function CopyToWorkspaceDialog({
  profile,
  onClose,
}: {
  profile: LoaProfile;
  /** `copied`: what the list's notice says */
  onClose: (copied?: string) => void;
}) {
  const desk = useDesk();
  const workspaces = useQuery(deskQueryOptions(desk, 'workspaces.list', { limit: 100 }));
  const others = (workspaces.data?.items ?? []).filter((w) => !w.active);
  const [target, setTarget] = useState('');
  const chosen = others.find((w) => w.id === target);
  const copy = useDeskMutation('loaProfiles.copy', {
    onSuccess: () =>
      onClose(`Copied “${profile.label}” to ${chosen ? workspaceName(chosen) : 'the other workspace'}.`),
  });
  return (
    <Dialog
      title={`Copy “${profile.label}” to another workspace`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        workspaces.data && others.length === 0 ? (
          <button type="button" className="button" onClick={() => onClose()}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={() => onClose()}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!chosen || copy.isPending}
              onClick={() => copy.mutate({ id: profile.id, toWorkspaceId: target })}
            >
              {copy.isPending ? 'Copying…' : 'Copy profile'}
            </button>
          </>
        )
      }
    >
      {workspaces.error ? (
        <ErrorNotice title="Could not list the workspaces" error={workspaces.error} />
      ) : workspaces.isPending ? (
        <p className="loading">Loading workspaces…</p>
      ) : others.length === 0 ? (
        <p>There is no other workspace yet. Add a Live workspace in Settings, then copy the profile to it.</p>
      ) : (
        <fieldset className="copy-targets">
          <legend>Workspace</legend>
          {others.map((w) => (
            <label key={w.id} className={`copy-target${target === w.id ? ' is-chosen' : ''}`}>
              <input
                type="radio"
                name="copy-target"
                value={w.id}
                checked={target === w.id}
                onChange={() => setTarget(w.id)}
              />
              <span className="copy-target-name">{workspaceName(w)}</span>
              {w.projectId && <span className="detail-muted">Project {w.projectId}</span>}
            </label>
          ))}
          <p className="field-hint">
            The copy keeps the name “{profile.label}” and every detail; the two are independent afterwards.
          </p>
        </fieldset>
      )}
      {copy.error && (
        <ErrorNotice
          title="The profile was not copied"
          error={copy.error}
          {...(isDeskError(copy.error) && copy.error.code === 'CONFLICT'
            ? { fix: 'Open this profile with Edit and change its Name, or rename the one in that workspace.' }
            : {})}
        />
      )}
    </Dialog>
  );
}

/**
 * After an edit is saved: the queued orders not yet sent carry the details they were queued with.
 * Asks whether they should take the new ones (counted by the engine); says nothing when none differ.
 */
export function ApplyEditDialog({
  profile,
  onClose,
}: {
  profile: { id: string; label: string };
  /** the list's notice */
  onClose: (notice: string) => void;
}) {
  const desk = useDesk();
  const usage = useQuery({
    ...deskQueryOptions(desk, 'loaProfiles.queuedUsage', { id: profile.id }),
    staleTime: 0,
    gcTime: 0,
  });
  const apply = useDeskMutation('loaProfiles.applyToQueued', {
    onSuccess: (updated) => onClose(queuedAnswer(profile.label, updated.jobs)),
  });
  const none = usage.data?.jobs === 0;
  useEffect(() => {
    if (none) onClose(`Saved “${profile.label}”.`);
  }, [none, onClose, profile.label]);
  if (!usage.data && !usage.error) return null;
  if (none) return null;
  const question = usage.data ? queuedQuestion(usage.data) : null;
  return (
    <Dialog
      title={question?.title ?? `Saved “${profile.label}”`}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && onClose(queuedAnswer(profile.label, null))}
      footer={
        <>
          <button type="button" className="button" onClick={() => onClose(queuedAnswer(profile.label, null))}>
            Keep the old details
          </button>
          {usage.data && (
            <button
              type="button"
              className="button button-primary"
              disabled={apply.isPending}
              onClick={() => apply.mutate({ id: profile.id })}
            >
              {apply.isPending
                ? 'Updating…'
                : `Update ${usage.data.jobs.toLocaleString('en-US')} ${usage.data.jobs === 1 ? 'order' : 'orders'}`}
            </button>
          )}
        </>
      }
    >
      {question && <p>{question.body}</p>}
      {usage.error && (
        <ErrorNotice
          title="Could not count the queued orders that use this profile"
          error={usage.error}
          fix="The profile is saved. Queued orders keep the details they were queued with; open the profile and save it again to be asked once more."
        />
      )}
      {apply.error && <ErrorNotice title="The queued orders were not updated" error={apply.error} />}
    </Dialog>
  );
}
