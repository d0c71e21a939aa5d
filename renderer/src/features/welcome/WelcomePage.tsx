import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useAppStatus } from '../../lib/app-state';
import { useDeskMutation, useQueryClient } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { SAMPLE_FILE_NAME, SAMPLE_NUMBERS, SAMPLE_PROFILE, sampleCsv, TOUR } from './welcome-view';
import './welcome.css';

/**
 * First run: a short, skippable tour of the three steps, the way to go live, and a rehearsal of a
 * text-enable in the Sandbox with sample data — through the real screens, one link at a time.
 */
export function WelcomePage() {
  const { tour } = useSearch({ from: '/welcome' });
  const sandbox = useAppStatus().data?.workspace.kind !== 'live';
  return (
    <section className="page" aria-labelledby="welcome-title">
      <div className="page-head welcome-head">
        <div>
          <h1 id="welcome-title">Get started</h1>
          <p className="page-lede">
            Hosting Desk takes your own phone numbers to “text-enabled on Sinch”. You are in the{' '}
            {sandbox ? 'Sandbox: a simulated Sinch, no keys needed.' : 'Live workspace.'}
          </p>
        </div>
        <Link to="/settings" search={{ goLive: 'key' }} className="button button-primary welcome-golive">
          Go live…
        </Link>
      </div>
      {tour !== undefined && <Tour step={tour} />}
      {sandbox && <Rehearsal />}
    </section>
  );
}

function Tour({ step }: { step: number }) {
  const navigate = useNavigate({ from: '/welcome' });
  // Skipped or finished once: `/` opens Status from then on (features/welcome/first-run.ts).
  const seen = useDeskMutation('settings.set');
  const close = () => {
    seen.mutate({ key: 'welcome.tourSeen', value: true });
    void navigate({ search: {} });
  };
  const current = TOUR[step - 1] ?? TOUR[0];
  const last = step >= TOUR.length;
  return (
    <section className="welcome-tour" aria-labelledby="tour-title" aria-roledescription="tour">
      <p className="welcome-tour-count">
        Step {step} of {TOUR.length}
      </p>
      <h2 id="tour-title">{current.title}</h2>
      <p>{current.text}</p>
      <div className="welcome-buttons">
        {step > 1 && (
          <button
            type="button"
            className="button"
            onClick={() => void navigate({ search: { tour: step - 1 } })}
          >
            Back
          </button>
        )}
        {last ? (
          <button type="button" className="button button-primary" onClick={close}>
            Done
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void navigate({ search: { tour: step + 1 } })}
          >
            Next
          </button>
        )}
        {!last && (
          <button type="button" className="button button-quiet" onClick={close}>
            Skip the tour
          </button>
        )}
      </div>
    </section>
  );
}

function downloadSample() {
  const url = URL.createObjectURL(new Blob([sampleCsv()], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = SAMPLE_FILE_NAME;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Rehearse a text-enable: each step is a real screen; this page only says what to do there. */
function Rehearsal() {
  const queryClient = useQueryClient();
  const [added, setAdded] = useState(false);
  const addProfile = useDeskMutation('loaProfiles.create', {
    onSuccess: () => {
      setAdded(true);
      void queryClient.invalidateQueries({ queryKey: ['loaProfiles.list'] });
    },
  });
  return (
    <section className="welcome-rehearsal" aria-labelledby="rehearse-title">
      <h2 id="rehearse-title">Rehearse a text-enable</h2>
      <p className="welcome-hint">
        Three sample numbers ({SAMPLE_NUMBERS.join(', ')}, all fictional) text-enabled for a reseller’s
        customer. Every step happens on the real screens; nothing leaves this computer.
      </p>
      <p>
        <Link
          to="/guide/$workflow"
          params={{ workflow: 'd' }}
          search={{ sample: 1 }}
          className="button button-primary welcome-rehearse"
        >
          Rehearse a text-enable
        </Link>{' '}
        <span className="welcome-hint">a guided walk with the sample numbers and profile filled in</span>
      </p>
      <p className="welcome-hint">Or do the same from a file, screen by screen:</p>
      <ol className="welcome-steps">
        <li>
          <div>
            <strong>Add the sample LOA profile</strong> — the business whose numbers they are and who signs
            the Letter of Authorization.
          </div>
          <div className="welcome-step-action">
            {added ? (
              <>
                <StatusBadge tone="done">Added</StatusBadge>{' '}
                <Link to="/loa" className="link">
                  See it in LOA profiles
                </Link>
              </>
            ) : (
              <button
                type="button"
                className="button"
                onClick={() => addProfile.mutate(SAMPLE_PROFILE)}
                disabled={addProfile.isPending}
              >
                Add sample profile
              </button>
            )}
          </div>
          {addProfile.error && (
            <ErrorNotice
              title="The sample profile could not be added"
              error={addProfile.error}
              fix="If it was added before, it is already under LOA profiles: carry on with the next step."
            />
          )}
        </li>
        <li>
          <div>
            <strong>Download the sample file</strong>, then drop it on Bring numbers and choose “Text-enable”.
          </div>
          <div className="welcome-step-action">
            <button type="button" className="button" onClick={downloadSample}>
              Download sample file
            </button>{' '}
            <Link to="/intake" className="link">
              Open Bring numbers
            </Link>
          </div>
        </li>
        <li>
          <div>
            <strong>Review the plan and confirm it</strong> — the exact requests, before anything is sent.
          </div>
        </li>
        <li>
          <div>
            <strong>Play Sinch and the customer</strong>: approve the qualification, then sign the LOA, and
            move the clock on.
          </div>
          <div className="welcome-step-action">
            <Link to="/sandbox" className="link">
              Open the Sandbox controls
            </Link>
          </div>
        </li>
        <li>
          <div>
            <strong>Follow the work</strong> until the order is completed and the numbers are text-enabled.
          </div>
          <div className="welcome-step-action">
            <Link to="/status" className="link">
              See sync on Status
            </Link>
          </div>
        </li>
      </ol>
    </section>
  );
}
