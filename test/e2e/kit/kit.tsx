// First, as in the app's main.tsx: zod without new Function (the CSP has no unsafe-eval).
import '../../../renderer/src/lib/zod-under-csp';
import { parseZonedDateTime, type ZonedDateTime } from '@internationalized/date';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { createDeskQueryClient, DeskError } from '../../../renderer/src/lib/query';
import { ActionMenu, ComboBox, DateTimeField, Dialog, Tabs } from '../../../renderer/src/ui/aria';
import { DataTable, type RowsBlock } from '../../../renderer/src/ui/DataTable';
import { EmptyState } from '../../../renderer/src/ui/EmptyState';
import { Field, FormErrors } from '../../../renderer/src/ui/Field';
import { applyDeskError, useSchemaForm } from '../../../renderer/src/ui/form';
import { ErrorNotice } from '../../../renderer/src/ui/ErrorNotice';
import { Progress } from '../../../renderer/src/ui/Progress';
import { emptySelection, type Selection, selectionRequest } from '../../../renderer/src/ui/selection';
import { StatusBadge } from '../../../renderer/src/ui/StatusBadge';
import '../../../renderer/src/styles/app.css';
import './kit.css';

/**
 * The ui/ kit on one page, built by kit.spec.ts with Vite and served under the production CSP: proves
 * the components work (keyboard, selection, blocks) and inject no styles, before any screen uses
 * them. Rows come from an in-memory "engine" of 60,000 numbers, in blocks, with a counter of block
 * requests the spec reads.
 */
type Row = { id: number; e164: string; state: 'waiting' | 'progress' | 'done' | 'action' | 'failed' };
const TOTAL = Number(new URLSearchParams(location.search).get('total') ?? 60_000);
const tones: Row['state'][] = ['waiting', 'progress', 'done', 'action', 'failed'];
const words = {
  waiting: 'Waiting',
  progress: 'In progress',
  done: 'Done',
  action: 'Needs action',
  failed: 'Failed',
};
const requested: number[] = [];
(window as unknown as { blockRequests: number[] }).blockRequests = requested;

const blockQuery = (offset: number, limit: number) => ({
  queryKey: ['kit.rows', { offset, limit, total: TOTAL }],
  queryFn: async (): Promise<RowsBlock<Row>> => {
    requested.push(offset);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => {
      const id = offset + i;
      return { id, e164: `+1202555${String(id).padStart(5, '0')}`, state: tones[id % 5] ?? 'waiting' };
    });
    return { rows, total: TOTAL };
  },
});

const signerSchema = z.object({
  name: z.string().trim().min(1, 'Enter the signer’s name.'),
  email: z.email('Enter an e-mail address, e.g. ops@example.com.'),
});

/** The engine's answer is faked: it refuses the address with a VALIDATION error on `email`. */
function SignerForm() {
  const form = useSchemaForm(signerSchema, { name: '', email: '' });
  const [rest, setRest] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const submit = form.handleSubmit((values) => {
    setSaved(false);
    const refused = new DeskError({
      code: 'VALIDATION',
      message: 'Invalid input for loaProfiles.create',
      details: [
        { path: 'email', message: `${values.email} bounced last time; use another address.` },
        { path: 'signer.title', message: 'Add the signer’s job title.' },
      ],
    });
    setRest(applyDeskError(refused, ['name', 'email'], form.setError));
  });
  return (
    <form aria-label="Signer" onSubmit={submit} noValidate>
      <Field label="Name" error={form.formState.errors.name}>
        {(props) => <input {...form.register('name')} {...props} />}
      </Field>
      <Field label="E-mail" hint="Where the LOA is sent for signature." error={form.formState.errors.email}>
        {(props) => <input type="email" {...form.register('email')} {...props} />}
      </Field>
      <FormErrors messages={rest} />
      <button type="submit" className="button">
        Save signer
      </button>
      {saved && <span>Saved</span>}
    </form>
  );
}

function Kit() {
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [opened, setOpened] = useState<string>('none');
  const [dialog, setDialog] = useState(false);
  const [action, setAction] = useState('none');
  const [carrier, setCarrier] = useState<string | null>(null);
  const [tab, setTab] = useState('one');
  const [when, setWhen] = useState<ZonedDateTime | null>(
    parseZonedDateTime('2026-12-03T09:00[America/New_York]'),
  );
  return (
    <main className="content kit">
      <h1>Kit</h1>
      <section aria-label="Badges" className="kit-row">
        {tones.map((t) => (
          <StatusBadge key={t} tone={t}>
            {words[t]}
          </StatusBadge>
        ))}
      </section>
      <p data-testid="opened">Opened: {opened}</p>
      <p data-testid="selection">{JSON.stringify(selectionRequest(selection))}</p>
      <DataTable<Row>
        label="Numbers"
        noun="numbers"
        columns={[
          {
            id: 'e164',
            header: 'Number',
            width: '180px',
            cell: (r) => <span className="mono">{r.e164}</span>,
          },
          {
            id: 'state',
            header: 'State',
            cell: (r) => <StatusBadge tone={r.state}>{words[r.state]}</StatusBadge>,
          },
        ]}
        rowId={(r) => r.id}
        blockQuery={blockQuery}
        filterKey="state=any"
        empty="Bring a list of numbers to start."
        selection={selection}
        onSelectionChange={setSelection}
        onOpen={(r) => setOpened(r.e164)}
      />
      <div className="kit-row">
        <button type="button" className="button" onClick={() => setDialog(true)}>
          Open dialog
        </button>
        <ActionMenu
          label="Actions"
          actions={[
            { id: 'retry', label: 'Retry' },
            { id: 'cancel', label: 'Cancel jobs', danger: true },
          ]}
          onAction={setAction}
        />
        <span data-testid="action">Action: {action}</span>
      </div>
      <Dialog
        title="Cancel 3 jobs?"
        isOpen={dialog}
        onOpenChange={setDialog}
        footer={
          <button type="button" className="button" onClick={() => setDialog(false)}>
            Close
          </button>
        }
      >
        <p>The numbers stay in the list; nothing is sent for them.</p>
      </Dialog>
      <div className="kit-grid">
        <ComboBox
          label="Carrier"
          options={[
            { id: 'a', label: 'Alpha Telecom' },
            { id: 'b', label: 'Beta Wireless' },
          ]}
          selectedId={carrier}
          onSelect={setCarrier}
          hint="Type to filter."
        />
        <DateTimeField
          label="Port date"
          value={when}
          onChange={setWhen}
          hint="In the customer’s time zone."
        />
      </div>
      <SignerForm />
      <Tabs
        label="Sections"
        selectedId={tab}
        onSelect={setTab}
        tabs={[
          { id: 'one', label: 'Details', panel: <p>Details panel</p> },
          { id: 'two', label: 'History', panel: <p>History panel</p> },
        ]}
      />
      <Progress
        label="Reading the file"
        value={12_000}
        max={48_000}
        detail="12,000 of 48,000 rows read"
        onCancel={() => {}}
      />
      <EmptyState title="No orders yet">Orders appear here once a plan is confirmed.</EmptyState>
      <ErrorNotice
        title="Could not load the orders"
        error={new DeskError({ code: 'OFFLINE', message: 'The Hosting Desk server is not answering.' })}
      />
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createDeskQueryClient()}>
        <Kit />
      </QueryClientProvider>
    </StrictMode>,
  );
