import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Reads KEY=value lines from the CLI's stdout until the last one it prints. */
async function readVars(proc: ChildProcess): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const i = line.indexOf('=');
    if (i > 0) vars[line.slice(0, i)] = line.slice(i + 1);
    if ('SANDBOX_CONTROL_URL' in vars) break;
  }
  return vars;
}

describe('npm run sandbox', () => {
  it('prints KEY=value lines that work with the guide’s curl calls, and stops cleanly on SIGINT', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/sandbox/cli.ts', '--port', '0', '--fast', '60'],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const vars = await readVars(child);
    expect(Object.keys(vars)).toEqual([
      'SINCH_BASE_URL',
      'SINCH_AUTH_URL',
      'SINCH_PROJECT_ID',
      'SINCH_KEY_ID',
      'SINCH_KEY_SECRET',
      'SANDBOX_CONTROL_TOKEN',
      'SANDBOX_CONTROL_URL',
    ]);
    expect(vars.SINCH_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(vars.SINCH_KEY_SECRET).toContain('fake');

    // curl -X POST $SINCH_AUTH_URL -d grant_type=client_credentials --user KEY_ID:KEY_SECRET
    const user = Buffer.from(`${vars.SINCH_KEY_ID}:${vars.SINCH_KEY_SECRET}`).toString('base64');
    const tokenRes = await fetch(vars.SINCH_AUTH_URL as string, {
      method: 'POST',
      headers: { authorization: `Basic ${user}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const res = await fetch(`${vars.SINCH_BASE_URL}/v1/projects/${vars.SINCH_PROJECT_ID}/importedNumbers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        phoneNumber: '+11234567890',
        regionCode: 'US',
        displayName: 'My Number',
        smsConfiguration: { servicePlanId: 'SERVICE_PLAN_ID', campaignId: 'CAMPAIGN_ID' },
        callbackUrl: 'https://example.com/callback',
      }),
    });
    expect(res.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
