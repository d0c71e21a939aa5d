import { useNavigate, useSearch } from '@tanstack/react-router';
import { InvoiceRoute } from './InvoiceRoute';
import { QualificationBatches } from './QualificationBatches';
import { SessionPicker, VoiceSession } from './VoiceSession';
import { parseNumberList } from './verify-view';
import './verify.css';

/** At most this many numbers in one voice check: each is a row the user answers a call for. */
const SESSION_LIMIT = 50;

/**
 * `/verify`: proving the ownership of qualified numbers. The voice check over the numbers chosen
 * (`numbers=`), the invoice e-mail for the blocked ones and those given in `invoice=`, and the
 * qualification requests with Sinch's review.
 */
export function VerifyPage() {
  const search = useSearch({ from: '/verify' });
  const navigate = useNavigate({ from: '/verify' });
  const session = parseNumberList(search.numbers).slice(0, SESSION_LIMIT);
  const preset = parseNumberList(search.invoice);
  const invoice = (blocked: readonly string[]) => {
    const all = [...new Set([...preset, ...blocked])];
    return all.length > 0 ? <InvoiceRoute numbers={all} /> : null;
  };
  return (
    <section className="page" aria-labelledby="verify-title">
      <div className="page-head">
        <h1 id="verify-title">Verification</h1>
        <p className="page-lede">
          Prove to Sinch that you own the numbers you qualify: by a voice call that reads out a code, or by
          e-mailing their invoices.
        </p>
      </div>
      {session.length > 0 ? (
        <VoiceSession key={session.join(',')} phones={session} after={invoice} />
      ) : (
        <>
          <SessionPicker
            onStart={(phones) =>
              void navigate({ search: (s) => ({ ...s, numbers: phones.slice(0, SESSION_LIMIT).join(',') }) })
            }
          />
          {invoice([])}
        </>
      )}
      <QualificationBatches />
    </section>
  );
}
