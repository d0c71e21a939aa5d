import { expect, test } from './fixtures';
import {
  advanceUntil,
  coverWizardState,
  enc,
  freshNumbers,
  GuideWizard,
  simulator,
} from './pages/guide-wizards';

/**
 * Workflow C through the UI, the invoice route: two numbers sent for qualification → the reminder to
 * e-mail the invoices → "I e-mailed the invoices today" recorded → Sinch approves (the Sandbox
 * channel stands in for Sinch's reviewers) → both ELIGIBLE, read from the simulated Sinch's own API.
 */
test('guide C: qualified through the invoice route, ELIGIBLE at the simulator', async ({ app }) => {
  const { page, desk } = app;
  const sim = await simulator(desk.engine);
  const phones = freshNumbers(2);
  const wizard = new GuideWizard(page);
  await wizard.open('c');

  await wizard.field('Phone numbers').fill(phones.join('\n'));
  await wizard.button('Send for qualification').click();
  await wizard.startSending();
  const results = wizard.main.getByRole('table', { name: 'Qualification results' });
  await expect(results.getByRole('row').filter({ hasText: 'Waiting for Sinch’s review' })).toHaveCount(2);
  const invoice = wizard.region('Invoice e-mail');
  await expect(invoice).toContainText('E-mail the invoices for 2 numbers to orders@sinch.com');
  await expect(
    invoice.getByRole('link', { name: 'Write the e-mail on the Verification screen' }),
  ).toHaveAttribute('href', `#/verify?invoice=${enc(phones.join(','))}`);
  await invoice.getByRole('button', { name: 'I e-mailed the invoices today' }).click();
  await expect(invoice.getByRole('status')).toContainText('for 2 numbers');
  await coverWizardState(page, 'c-review');

  for (const phoneNumber of phones) await desk.engine.must('sandbox.approveQualification', { phoneNumber });
  await advanceUntil(
    desk.engine,
    page,
    async () => (await wizard.main.getByRole('heading', { name: 'Sinch has decided' }).count()) > 0,
  );
  await expect(results.getByRole('row').filter({ hasText: 'Eligible' })).toHaveCount(2);
  await expect(wizard.main.getByRole('link', { name: 'a voice call with a code' })).toHaveAttribute(
    'href',
    `#/verify?numbers=${enc(phones.join(','))}`,
  );
  await coverWizardState(page, 'c-decided');

  for (const phone of phones)
    expect((await sim.get(`/qualifiedNumbers/${enc(phone)}`)).body.globalProcessState, phone).toBe(
      'GLOBAL_PROCESS_STATE_ELIGIBLE',
    );
});
