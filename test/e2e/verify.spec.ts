import type { DeskClient } from './support/desk-client';
import { expect, test } from './fixtures';
import { QueueScreen } from './pages/queue';
import { VerifyScreen } from './pages/verify';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * Verification (issue 11, acceptance 2): a voice check of 10 numbers — two get one wrong code and
 * then the right one, one gets three wrong codes and is blocked — ends with 9 verified and the
 * blocked number offered the invoice e-mail. The numbers are set up through channels first
 * (qualified, found eligible by the Sandbox with verification required); the screen is then driven
 * with the mouse and the keyboard; the wrong codes leave no failed job on the Queue. Plus the empty screen and the engine refusing its lists.
 */
const unique = () => `v${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** `code` changed in its first digit: certainly wrong, still four digits. */
const wrong = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

/** Checks until true, stepping between checks; gives up after 30 s of real time (a loaded CI machine
 * sends slower — a count of steps alone ran out there while the sync loop was still on its way). */
async function until(what: string, check: () => Promise<boolean>, step: () => Promise<unknown>) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await step();
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Ten numbers qualified and found eligible, verification required; sync running. */
async function eligibleNumbers(engine: DeskClient): Promise<string[]> {
  const first = 1000 + Math.floor(Math.random() * 8000);
  const phones = Array.from({ length: 10 }, (_, i) => `+1303555${String(first + i).padStart(4, '0')}`);
  await engine.must('qualification.qualify', { intentId: unique(), numbers: phones });
  await engine.must('sync.start', {});
  const pending = new Set(phones);
  await until(
    'Sinch has every number to review',
    async () => {
      for (const phone of [...pending]) {
        const r = await engine.call('sandbox.approveQualification', {
          phoneNumber: phone,
          requireVerification: true,
        });
        if (r.ok) pending.delete(phone);
      }
      return pending.size === 0;
    },
    () => new Promise((r) => setTimeout(r, 250)),
  );
  await until(
    'the desk sees all ten eligible',
    async () =>
      (await engine.must('numbers.list', { states: ['eligible'], offset: 0, limit: 50 })).items.filter((n) =>
        phones.includes(n.phone),
      ).length === 10,
    async () => {
      await engine.must('sandbox.advanceClock', { minutes: 30 });
      await new Promise((r) => setTimeout(r, 300));
    },
  );
  return phones;
}

test('verify: nothing to verify yet (empty)', async ({ app }) => {
  const screen = new VerifyScreen(app.page);
  await screen.open();
  await expect(app.page.getByText('No number waits for a voice check')).toBeVisible();
  await expect(app.page.getByText('No numbers are being qualified')).toBeVisible();
  await expect(screen.frame.current).toHaveText('Verification');
  await coverScreenState(app.page, '/verify', 'empty');
});

test('verify: a voice check of 10 numbers ends with 9 verified and 1 blocked, offered the invoice e-mail (populated)', async ({
  app,
}) => {
  test.setTimeout(60_000);
  const { page, desk } = app;
  const phones = await eligibleNumbers(desk.engine);
  const screen = new VerifyScreen(page);
  await screen.open(`?numbers=${encodeURIComponent(phones.join(','))}`);
  await expect(screen.grid.getByRole('row')).toHaveCount(11);
  await expect(screen.callAll).toHaveText('Call all (10)');
  await screen.callAll.click();
  for (const phone of phones)
    await expect(screen.row(phone)).toContainText('Type the code', { timeout: 15_000 });

  const codes = new Map<string, string>();
  for (const phone of phones) {
    const { code } = await desk.engine.must('sandbox.voiceCode', { phoneNumber: phone });
    if (!code) throw new Error(`no code was read out to ${phone}`);
    codes.set(phone, code);
  }
  const [twiceA, twiceB, blocked] = phones as [string, string, string];
  const codeOf = (phone: string) => codes.get(phone) ?? '';
  // keyboard only: type a code, Enter checks it and moves to the next row
  await screen.code(phones[0] ?? '').focus();
  for (const phone of phones) {
    await expect(screen.code(phone)).toBeFocused();
    const wrongFirst = phone === twiceA || phone === twiceB || phone === blocked;
    await page.keyboard.type(wrongFirst ? wrong(codeOf(phone)) : codeOf(phone));
    await page.keyboard.press('Enter');
  }
  for (const phone of [twiceA, twiceB]) {
    await expect(screen.row(phone)).toContainText('Wrong code — type it again', { timeout: 15_000 });
    await expect(screen.row(phone)).toContainText('2 (estimate)');
    await screen.code(phone).fill(codeOf(phone));
    await screen.code(phone).press('Enter');
  }
  for (const left of ['1', '0']) {
    await expect(screen.row(blocked)).toContainText('Wrong code — type it again', { timeout: 15_000 });
    await expect(screen.row(blocked)).toContainText(`${Number(left) + 1} (estimate)`);
    await screen.code(blocked).fill(wrong(codeOf(blocked)));
    await screen.code(blocked).press('Enter');
  }
  await expect(screen.row(blocked).getByRole('cell', { name: 'Blocked' })).toBeVisible({ timeout: 15_000 });
  await screen.row(blocked).getByRole('button', { name: 'Send invoices' }).click();
  for (const phone of phones.filter((p) => p !== blocked))
    await expect(screen.row(phone)).toContainText('Verified', { timeout: 15_000 });
  await expect(screen.counts).toHaveText('9 of 10 verified · 1 blocked');

  // the blocked number is offered the invoice route: the e-mail lists it, and only it
  await expect(screen.invoice).toBeVisible();
  await expect(screen.mailText).toHaveValue(new RegExp(`\\${blocked}`));
  for (const phone of phones.filter((p) => p !== blocked))
    await expect(screen.mailText).not.toHaveValue(new RegExp(`\\${phone}`));
  await expect(screen.openMail).toHaveAttribute('href', /^mailto:orders@sinch\.com\?subject=/);
  await expect(screen.requests.getByRole('article')).toHaveCount(1);
  await coverScreenState(page, '/verify', 'populated');
  await screen.sent.click();
  await expect(screen.invoice).toContainText('Recorded: e-mailed on');

  // five wrong codes were outcomes of the check, not failures: the Queue shows no failed job
  expect(
    (await desk.engine.must('jobs.list', { states: ['failed', 'dead'], offset: 0, limit: 50 })).total,
  ).toBe(0);
  const queue = new QueueScreen(page);
  await queue.open();
  await expect(queue.filter('Failed')).toHaveText(/^Failed\s*0$/);
});

test('verify: the engine refuses its lists (error)', async ({ app }) => {
  const { page } = app;
  for (const channel of ['numbers.list', 'jobs.list']) await refuseChannel(page, channel);
  const screen = new VerifyScreen(page);
  await screen.open();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Could not load the numbers to verify' }),
  ).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Could not load the qualification requests' }),
  ).toBeVisible();
  await coverScreenState(page, '/verify', 'error');
});
