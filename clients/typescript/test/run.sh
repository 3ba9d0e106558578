#!/usr/bin/env bash
# The TypeScript client runtime's tests: installs its npm packages (from the lock file) when
# missing, compiles the type tests with tsc --strict, starts the Chat sample on a free loopback
# port, runs the Node tests against it and against fake servers, and ends with "N passed, N failed".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

if [[ ! -d $here/node_modules/ws || ! -d $here/node_modules/typescript ]]; then
    echo "# installing the client runtime's npm packages (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi

# Type tests: an app's use of every Chat event compiles with --strict, and every misuse marked
# @ts-expect-error fails to (tsc reports one that compiles).
typed=0
if (cd "$here" && npx tsc -p test/types); then
    echo "ok - the type tests compile with tsc --strict, every @ts-expect-error failing as expected"
    typed=1
else
    echo "not ok - the type tests"
fi

source scripts/chat-sample.sh
chat_sample_start

echo "# the client runtime against the Chat sample at $url"
report="$(mktemp -t runtime-tests.XXXXXX)"
CHAT_URL="$url" timeout 300 node --test --test-reporter=tap "$here/test/" >"$report" 2>&1 || true
grep -E "^(not )?ok " "$report" | grep -v "# SKIP" || true
# The failures' details, from files (a reader that stops early would break the pipe under pipefail).
grep -E "^not ok" -A 30 "$report" >"$report.failures" || true
sed -n 1,80p "$report.failures"
passed="$(grep -E '^ok [0-9]+ ' "$report" | grep -cv '# SKIP' || true)"
failed="$(grep -cE '^not ok [0-9]+ ' "$report" || true)"
passed=$((passed + typed))
failed=$((failed + 1 - typed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 1 ]]
