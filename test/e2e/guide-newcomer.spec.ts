import { expect, test } from './fixtures';
import { serveDesk } from './fixtures';
import { GuideScreen, Newcomer } from './pages/guide';
import { SandboxScreen } from './pages/sandbox';

/**
 * Issue 12's newcomer path, in Chromium through the browser shell, from a fresh data directory:
 * first launch → the tour → "Rehearse a text-enable" (workflow D with the sample numbers and the
 * sample reseller profile) → the Sandbox controls approve the qualification and sign the LOA → the
 * order completes. Every click, fill and Back is counted (≤ 25) and nothing goes through desk.call:
 * the test process never talks to the engine. Screenshots of every step in test-results/newcomer/.
 */
test('newcomer: first launch → tour → guided text-enable of 3 numbers (reseller) → COMPLETED', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const desk = await serveDesk();
  try {
    const user = new Newcomer(page, 'newcomer');
    const guide = new GuideScreen(page);
    const sandbox = new SandboxScreen(page);
    await page.goto(desk.url);
    await expect(page).toHaveURL(/#\/welcome\?tour=1$/);
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    await user.screenshot('first-launch-tour');

    await user.click(page.getByRole('button', { name: 'Skip the tour' }));
    await user.screenshot('get-started');
    await user.click(guide.link('Rehearse a text-enable'));
    await expect(guide.stepTitle).toHaveText('Your numbers');
    await expect(page.getByLabel('Phone numbers')).toHaveValue('+12025550142\n+12025550143\n+12025550144');
    await user.screenshot('numbers');

    await user.click(guide.button('Check the numbers'));
    await expect(guide.stepTitle).toHaveText('Service plan');
    await expect(page.getByLabel('Service plan ID')).toHaveValue('sample-service-plan');
    await user.screenshot('service-plan');

    await user.click(guide.button('Next'));
    await expect(guide.stepTitle).toHaveText('Who signs the LOA');
    await expect(page.getByRole('radio', { name: /I act for a customer/ })).toBeChecked();
    await user.screenshot('loa-type');

    await user.click(guide.button('Next'));
    await expect(guide.stepTitle).toHaveText('LOA profile');
    await user.click(guide.button('Add the sample profile'));
    await expect(page.getByRole('radio', { name: /Sample Bakery \(rehearsal\)/ })).toBeChecked();
    await expect(page.getByText('dana@bakery.example.com')).toBeVisible();
    await user.screenshot('loa-profile');

    await user.click(guide.button('Next'));
    await expect(guide.stepTitle).toHaveText('Standard or toll-free');
    await expect(page.getByText('Standard: 3 numbers.')).toBeVisible();
    await user.screenshot('standard-or-toll-free');

    await user.click(guide.button('Next'));
    await expect(guide.stepTitle).toHaveText('Review and confirm');
    await expect(page.getByText('Text-enable 3 standard numbers in one hosting order')).toBeVisible();
    await user.screenshot('plan');

    await user.click(guide.button('Confirm and queue'));
    await expect(guide.stepTitle).toHaveText('Follow the work');
    // the Sandbox sends from the start: no Start to find, the work moves at once
    await expect(page.getByText('Sending is paused')).toHaveCount(0);
    await expect(page.getByText('Waiting for Sinch to qualify the numbers')).toBeVisible({ timeout: 15_000 });
    await user.screenshot('waiting-for-qualification');

    // Sinch's side: the Sandbox controls approve each number (the first one comes prefilled)
    await user.click(guide.link('approve the numbers in the Sandbox controls'));
    const qualification = sandbox.card('Qualification and voice call');
    const number = qualification.getByLabel('Phone number');
    await expect(number).toHaveValue('+12025550142');
    for (const [i, phone] of ['+12025550142', '+12025550143', '+12025550144'].entries()) {
      if (i > 0) await user.fill(number, phone);
      await user.click(qualification.getByRole('button', { name: 'Approve', exact: true }));
      await expect(sandbox.said).toContainText(phone);
    }
    // Sinch's review took its simulated time: move the clock on so the desk's next look finds it
    await user.click(
      sandbox.card('Simulated clock').getByRole('button', { name: 'Advance the clock 1 hour' }),
    );
    await expect(sandbox.said).toContainText('60 minutes ahead');
    await user.screenshot('qualification-approved');
    await user.back();
    await expect(page.getByText('Waiting for the LOA signature').first()).toBeVisible({ timeout: 20_000 });
    await user.screenshot('waiting-for-signature');

    // the customer's side: sign the LOA, then move the simulated clock on
    await user.click(guide.link('Sign it as the customer in the Sandbox controls'));
    await user.click(sandbox.card('Letter of authorization').getByRole('button', { name: 'Sign LOA' }));
    await expect(sandbox.said).toContainText(/sign/i);
    await user.click(
      sandbox.card('Simulated clock').getByRole('button', { name: 'Advance the clock 1 day' }),
    );
    await user.screenshot('loa-signed-clock-moved');
    await user.back();
    await expect(page.getByText('Text-enabled', { exact: true })).toBeVisible({ timeout: 20_000 });
    await user.screenshot('text-enabled');

    await user.click(page.getByRole('link', { name: /^Order / }));
    await expect(page.getByText('Order completed').first()).toBeVisible();
    await user.screenshot('order-completed');
    expect(user.count, 'counted interactions').toBeLessThanOrEqual(25);
    test.info().annotations.push({ type: 'interactions', description: String(user.count) });
  } finally {
    await desk.cleanup();
  }
});
