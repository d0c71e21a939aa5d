import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared/contract/envelope';
import { handleDeskCall, REFUSED_SENDER_MESSAGE } from './ipc-adapter';
import { deskWebPreferences } from './window-options';

const top = { webContentsId: 3, frameUrl: 'app://desk/index.html', isTopFrame: true };

function engineStub() {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    deps: {
      ourWebContents: new Set([3]),
      call: async (channel: string, input: unknown): Promise<Result<unknown>> => {
        calls.push([channel, input]);
        return ok('from the engine');
      },
    },
  };
}

describe('handleDeskCall', () => {
  it('passes a valid call from our window to the engine and returns its envelope', async () => {
    const { calls, deps } = engineStub();
    expect(await handleDeskCall(top, 'app.status', {}, deps)).toEqual({ ok: true, value: 'from the engine' });
    expect(calls).toEqual([['app.status', {}]]);
  });

  it.each([
    ['a subframe', { ...top, isTopFrame: false }],
    ['another origin', { ...top, frameUrl: 'https://evil.example/' }],
    ['an unknown webContents', { ...top, webContentsId: 99 }],
  ])('refuses %s before validating, and the engine never hears of it', async (_what, sender) => {
    const { calls, deps } = engineStub();
    expect(await handleDeskCall(sender, 'app.status', {}, deps)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: REFUSED_SENDER_MESSAGE },
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['an unknown channel', 'no.such.channel', {}],
    ['a non-string channel', 42, {}],
    ['input with undeclared keys', 'app.status', { sneaky: true }],
    ['input of the wrong type', 'app.status', 'not an object'],
  ])('answers %s with VALIDATION without calling the engine', async (_what, channel, input) => {
    const { calls, deps } = engineStub();
    const result = await handleDeskCall(top, channel, input, deps);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toEqual([]);
  });
});

describe('deskWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and no webview', () => {
    const prefs = deskWebPreferences('/x/preload/index.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/x/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });
});
