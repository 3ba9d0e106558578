#!/usr/bin/env bash
# The TypeScript client's tests: installs its npm packages (from the lock file) and Debian's
# Chromium when missing, builds the Chat and Ticker samples and the shapes fixture (whose builds
# write their client packages to obj/typescript/), compiles the type tests against those packages with tsc --strict,
# starts the Chat sample on a free loopback port, and runs the Node tests: the runtime against it
# and against fake servers, and the Chat page in headless Chromium. Ends with "N passed, N failed".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

if [[ ! -d $here/node_modules/ws || ! -d $here/node_modules/typescript || ! -d $here/node_modules/playwright-core ]]; then
    echo "# installing the client's npm packages (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x $CHROMIUM ]]; then
    echo "# installing Debian's chromium (apt-get)"
    apt=(apt-get)
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "# $CHROMIUM is missing, and installing it needs root or sudo"; echo "0 passed, 1 failed"; exit 1; }
        apt=(sudo apt-get)
    fi
    apt_log="$(mktemp -t chromium-install.XXXXXX)"
    if ! { "${apt[@]}" update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq chromium; } >"$apt_log" 2>&1; then
        tail -n 20 "$apt_log"; echo "# could not install chromium"; echo "0 passed, 1 failed"; exit 1
    fi
fi

for project in samples/Ticker clients/typescript/test/fixture; do
    echo "# building $project (its client package: $project/obj/typescript)"
    build_log="$(mktemp -t typescript-build.XXXXXX)"
    dotnet build "$project" -c Release -nologo -v quiet >"$build_log" 2>&1 || { cat "$build_log"; echo "0 passed, 1 failed"; exit 1; }
done

# Builds samples/Chat (its client package: samples/Chat/obj/typescript) and starts it.
source scripts/chat-sample.sh
chat_sample_start

# Type tests: an app's use of every Chat and Ticker event, and the shapes fixture's values, compile
# with --strict, and every misuse marked @ts-expect-error fails to (tsc reports one that compiles).
# The values are emitted to obj/type-tests/ for shapes.test.mjs.
typed=0
if (cd "$here" && npx tsc -p test/types); then
    echo "ok - the type tests compile with tsc --strict, every @ts-expect-error failing as expected"
    typed=1
else
    echo "not ok - the type tests"
fi

echo "# the client against the Chat sample at $url, and the Chat page in $CHROMIUM"
output="$root/artifacts/test-output/typescript"
mkdir -p "$output"
report="$output/node-tests.tap"
CHAT_URL="$url" TEST_OUTPUT="$output" timeout 400 node --test --test-reporter=tap "$here"/test/*.test.mjs >"$report" 2>&1 || true
grep -E "^(not )?ok " "$report" | grep -v "# SKIP" || true
# The failures' details, from files (a reader that stops early would break the pipe under pipefail).
grep -E "^not ok" -A 40 "$report" >"$report.failures" || true
sed -n 1,120p "$report.failures"
passed="$(grep -E '^ok [0-9]+ ' "$report" | grep -cv '# SKIP' || true)"
failed="$(grep -cE '^not ok [0-9]+ ' "$report" || true)"
passed=$((passed + typed))
failed=$((failed + 1 - typed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 1 ]]
