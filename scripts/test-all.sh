#!/usr/bin/env bash
# The one test command (README, .ci/run): every runner, one closing line
#   tests: N passed, N failed, N skipped
# computed by scripts/test-summary.mjs from the runners' JSON reports. Typecheck, lint, the
# dependency rules and the build count as one test each. Exits non-zero on any failure or zero tests.
set -uo pipefail
cd "$(dirname "$0")/.."

# Wrap everything — vitest and Playwright alike — in a private D-Bus session with an unlocked,
# throwaway gnome-keyring, so the keychain tests and the browser shell under test talk to a real
# Secret Service. We wrap even when the desktop already has one: tests must never write into the
# developer's own login keyring.
if [ -z "${HOSTING_DESK_TEST_SESSION:-}" ]; then
  if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
    export HOSTING_DESK_TEST_SESSION=1
    XDG_DATA_HOME="$(mktemp -d)"
    export XDG_DATA_HOME
    exec dbus-run-session -- bash -c '
      echo -n "throwaway-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
      exec bash "$0"' "$0"
  fi
  echo "test-all: no dbus-run-session/gnome-keyring-daemon: keychain tests will see no Secret Service (apt-get install dbus gnome-keyring)." >&2
  export HOSTING_DESK_TEST_SESSION=unwrapped
fi

rm -rf reports test-results
mkdir -p reports
steps=reports/steps.jsonl
: >"$steps"

step() { # step <name> <command...>: run a check, record pass/fail as one test
  local name=$1
  shift
  echo "── $name: $*"
  local start=$SECONDS
  if "$@"; then
    printf '{"name":"%s","ok":true,"seconds":%d}\n' "$name" $((SECONDS - start)) >>"$steps"
  else
    printf '{"name":"%s","ok":false,"seconds":%d}\n' "$name" $((SECONDS - start)) >>"$steps"
    echo "── $name FAILED" >&2
  fi
}

step typecheck npm run --silent typecheck
step lint npx biome check --reporter=summary .
step dependency-rules npx depcruise --config .dependency-cruiser.cjs --output-type err electron renderer shared
step build npx electron-vite build --logLevel warn

echo "── vitest"
npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json || true

echo "── playwright"
if [ -f out/renderer/index.html ]; then
  npx playwright test || true
else
  echo "playwright: skipped, the build failed (counted as the build step's failure)" >&2
fi

node scripts/test-summary.mjs
