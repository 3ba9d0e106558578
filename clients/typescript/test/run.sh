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

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
url="http://127.0.0.1:$port"
log="$(mktemp -t chat-sample.XXXXXX.log)"
echo "# building the Chat sample"
dotnet build samples/Chat -c Release -nologo -v quiet >"$log" 2>&1 || { cat "$log"; echo "0 passed, 1 failed"; exit 1; }
bash -c 'exec dotnet run --project samples/Chat -c Release --no-build --no-launch-profile -- --urls "$0"' "$url" >>"$log" 2>&1 &
server=$!
stop() {
    if kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
}
trap stop EXIT
for i in $(seq 1 120); do
    node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/" 2>/dev/null && break
    if ! kill -0 "$server" 2>/dev/null || [[ $i -eq 120 ]]; then
        cat "$log"; echo "# the Chat sample did not start"; echo "0 passed, 1 failed"; exit 1
    fi
    sleep 0.5
done

echo "# the client runtime against the Chat sample at $url"
report="$(mktemp -t runtime-tests.XXXXXX)"
CHAT_URL="$url" timeout 300 node --test --test-reporter=tap "$here/test/" >"$report" 2>&1 || true
grep -E "^(not )?ok " "$report" | grep -v "# SKIP" || true
grep -E "^not ok" -A 30 "$report" | head -80 || true
passed="$(grep -E '^ok [0-9]+ ' "$report" | grep -cv '# SKIP' || true)"
failed="$(grep -cE '^not ok [0-9]+ ' "$report" || true)"
passed=$((passed + typed))
failed=$((failed + 1 - typed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 1 ]]
