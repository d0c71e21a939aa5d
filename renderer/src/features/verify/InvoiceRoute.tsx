import { useRef, useState } from 'react';
import { QUALIFY_LIMIT } from '../../../../shared/domain/limits';
import { useDeskMutation } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { invoiceEmail, localDate } from './verify-view';

/**
 * The invoice route (workflow C): the e-mail to Sinch's order desk listing these numbers, to copy or
 * open in the mail app, and "I have sent it" recording the day with `qualification.recordInvoice`
 * (the engine then counts the review time from that day). The mail link is a plain `mailto:` link:
 * the browser hands it to the mail app; Electron's navigation hook opens it only because the
 * allow-list (electron/main/security.ts `mayOpenExternal`) accepts orders@sinch.com with a subject
 * and body and nothing else.
 */
export function InvoiceRoute({ numbers }: { numbers: readonly string[] }) {
  const mail = invoiceEmail(numbers);
  const text = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const record = useDeskMutation('qualification.recordInvoice');
  const tooMany = numbers.length > QUALIFY_LIMIT;
  const copy = async () => {
    const all = `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.body}`;
    try {
      await navigator.clipboard.writeText(all);
    } catch {
      // no clipboard permission (Electron denies every permission): select the text for Ctrl+C
      text.current?.focus();
      text.current?.select();
    }
    setCopied(true);
  };
  return (
    <section className="verify-section" aria-labelledby="invoice-title">
      <div className="verify-section-head">
        <h2 id="invoice-title">Send invoices instead</h2>
      </div>
      <p className="verify-lede">
        Sinch verifies these numbers from their invoices when the voice call cannot. Attach the invoices in
        your mail app before you send: a prepared e-mail cannot carry them.
      </p>
      <p className="verify-mail">
        <strong>To:</strong> <span className="mono">{mail.to}</span>
        <br />
        <strong>Subject:</strong> {mail.subject}
      </p>
      <textarea
        ref={text}
        className="input verify-mail-body"
        aria-label="E-mail text"
        readOnly
        rows={Math.min(14, numbers.length + 6)}
        value={mail.body}
      />
      <div className="verify-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a className="button" href={mail.mailto}>
          Open in mail app
        </a>
        <button
          type="button"
          className="button button-primary"
          disabled={record.isPending || record.isSuccess || tooMany}
          onClick={() => record.mutate({ numbers: [...numbers], emailedOn: localDate(new Date()) })}
        >
          I have sent it
        </button>
        {record.isSuccess && (
          <StatusBadge tone="done">
            Recorded: e-mailed on {record.data.emailedOn}. Sinch’s review time counts from today.
          </StatusBadge>
        )}
      </div>
      {tooMany && (
        <p className="field-error">
          At most {QUALIFY_LIMIT} numbers per e-mail: open the Verification screen with fewer numbers.
        </p>
      )}
      {record.error && <ErrorNotice title="Could not record the e-mail" error={record.error} />}
    </section>
  );
}
