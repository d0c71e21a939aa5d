/**
 * The guide's "First API Call — Import a Number" (../shared/sinch-api/sinch-skill.md), run as the exact
 * curl command against `npm run sandbox -- --port 0`: the only change is the host (the guide's
 * https://imported.numbers.api.sinch.com becomes the SINCH_BASE_URL the sandbox prints). Bearer token
 * fetched from SINCH_AUTH_URL, then Basic auth, then GET the number. Every answer is checked against
 * the spec.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConforms, checkResponse, checkTokenResponse, repoRoot } from '../support/openapi-checker';

const run = promisify(execFile);
const GUIDE = resolve(repoRoot, '../shared/sinch-api/sinch-skill.md');
const haveCurl = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].some((p) => existsSync(p));

/** The command exactly as the guide prints it, host swapped for the sandbox's. */
function guideCommand(): string {
  const text = readFileSync(GUIDE, 'utf8');
  const start = text.indexOf('First API Call — Import a Number');
  const end = text.indexOf('Key Concepts', start);
  const block = text.slice(start, end);
  const command = block.slice(block.indexOf('curl -X POST'), block.lastIndexOf("}'") + 2);
  expect(command).toContain('"phoneNumber": "+11234567890"');
  return command.replace('https://imported.numbers.api.sinch.com', '$SINCH_BASE_URL');
}

let sandbox: ChildProcess | undefined;
let env: Record<string, string> = {};

/** Runs a shell command with the sandbox's KEY=value variables; returns status and parsed body. */
async function sh(
  command: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const { stdout } = await run('bash', ['-c', `${command} -s -w '\\n%{http_code}'`], {
    env: { ...process.env, ...env, ...extra },
  });
  const cut = stdout.lastIndexOf('\n');
  const text = stdout.slice(0, cut);
  return { status: Number(stdout.slice(cut + 1)), body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  // Its own process group, so the whole tree (npm → sh → tsx → node) is stopped by its id.
  const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', '0'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sandbox = child;
  env = await new Promise<Record<string, string>>((resolveEnv, reject) => {
    const vars: Record<string, string> = {};
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`sandbox printed no SANDBOX_CONTROL_URL: ${buffer}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m?.[1] && m[2] !== undefined) vars[m[1]] = m[2];
      }
      if (vars.SANDBOX_CONTROL_URL) {
        clearTimeout(timer);
        resolveEnv(vars);
      }
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${buffer}`)));
  });
}, 40_000);

afterAll(async () => {
  const child = sandbox;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
});

describe.skipIf(!haveCurl)('the guide’s first API call, with curl, against npm run sandbox', () => {
  it('prints the variables the guide’s commands need', () => {
    expect(Object.keys(env).sort()).toEqual([
      'SANDBOX_CONTROL_TOKEN',
      'SANDBOX_CONTROL_URL',
      'SINCH_AUTH_URL',
      'SINCH_BASE_URL',
      'SINCH_KEY_ID',
      'SINCH_KEY_SECRET',
      'SINCH_PROJECT_ID',
    ]);
    expect(env.SINCH_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('imports +11234567890 with a bearer token, then with Basic auth, and GETs the numbers', async () => {
    const token = await sh(
      'curl -X POST "$SINCH_AUTH_URL" -u "$SINCH_KEY_ID:$SINCH_KEY_SECRET" -d grant_type=client_credentials',
    );
    assertConforms(checkTokenResponse(token.status, token.body), 'token');
    const accessToken = (token.body as { access_token: string }).access_token;
    const vars = {
      SINCH_ACCESS_TOKEN: accessToken,
      SERVICE_PLAN_ID: '07d6c2621f364b68856fe4938b7bb78f',
      CAMPAIGN_ID: 'C3O8OGA',
    };
    const path = `/v1/projects/${env.SINCH_PROJECT_ID}/importedNumbers`;

    // Verbatim, the guide's JSON sits in single quotes, so the shell does NOT expand $SERVICE_PLAN_ID:
    // the literal "$SERVICE_PLAN_ID" goes out and is refused as an invalid service plan (a guide defect).
    const verbatim = await sh(guideCommand(), vars);
    assertConforms(
      checkResponse({ method: 'POST', path, status: verbatim.status, body: verbatim.body }),
      'verbatim',
    );
    expect(verbatim).toMatchObject({ status: 400, body: { status: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(verbatim.body)).toContain('smsConfiguration.servicePlanId');

    // The same command with the placeholders filled in, as a reader would.
    const filled = guideCommand()
      .replace('$SERVICE_PLAN_ID', vars.SERVICE_PLAN_ID)
      .replace('$CAMPAIGN_ID', vars.CAMPAIGN_ID);
    const bearer = await sh(filled, vars);
    assertConforms(
      checkResponse({ method: 'POST', path, status: bearer.status, body: bearer.body }),
      'bearer',
    );
    expect(bearer).toMatchObject({
      status: 200,
      body: {
        phoneNumber: '+11234567890',
        displayName: 'My Number',
        smsConfiguration: { servicePlanId: vars.SERVICE_PLAN_ID },
      },
    });

    // Basic auth (testing only, §2.1): same command, `-u key:secret` instead of the bearer header.
    const basicCommand = filled
      .replace('-H "Authorization: Bearer $SINCH_ACCESS_TOKEN"', '-u "$SINCH_KEY_ID:$SINCH_KEY_SECRET"')
      .replace('+11234567890', '+11234567891');
    expect(basicCommand).not.toContain('Bearer');
    const basic = await sh(basicCommand, vars);
    assertConforms(checkResponse({ method: 'POST', path, status: basic.status, body: basic.body }), 'basic');
    expect(basic).toMatchObject({ status: 200, body: { phoneNumber: '+11234567891' } });

    for (const [phone, auth] of [
      ['+11234567890', '-H "Authorization: Bearer $SINCH_ACCESS_TOKEN"'],
      ['+11234567891', '-u "$SINCH_KEY_ID:$SINCH_KEY_SECRET"'],
    ] as const) {
      const encoded = encodeURIComponent(phone);
      const got = await sh(`curl "$SINCH_BASE_URL${path}/${encoded}" ${auth}`, vars);
      assertConforms(
        checkResponse({ method: 'GET', path: `${path}/${encoded}`, status: got.status, body: got.body }),
        'get',
      );
      expect(got).toMatchObject({ status: 200, body: { phoneNumber: phone, regionCode: 'US' } });
    }
    // and a second import of the same number is the documented 409
    const again = await sh(filled, vars);
    expect(again.status).toBe(409);
    assertConforms(checkResponse({ method: 'POST', path, status: again.status, body: again.body }), 'again');
  });
});
