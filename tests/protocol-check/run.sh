#!/usr/bin/env bash
# Builds and starts the Chat sample on a free loopback port, runs check.mjs against it with the
# `ws` client, stops the server and exits with the check's status. Works from any directory.
#   tests/protocol-check/run.sh            the JIT build (dotnet run)
#   tests/protocol-check/run.sh --native   the Native AOT executable from scripts/publish-native.sh
# CHECK_SLOW=1 adds the slow keep-alive checks.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
url="http://127.0.0.1:$port"
log="$(mktemp -t chat-sample.XXXXXX.log)"

if [ ! -d "$here/node_modules/ws" ] || [ ! -d "$here/node_modules/@asyncapi/parser" ] || [ ! -d "$here/node_modules/ajv-formats" ]; then
    echo "# installing the ws client and the AsyncAPI parser (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
# The AsyncAPI document the build wrote; the check compares it with the one the server serves.
export ASYNCAPI_FILE="$root/samples/Chat/bin/Release/net10.0/asyncapi.json"

if [[ ${1:-} == --native ]]; then
    native="artifacts/native/Chat/Chat"
    if [[ ! -x $native ]]; then
        scripts/publish-native.sh Chat >"$log" 2>&1 || { cat "$log"; echo "0 passed, 1 failed"; exit 1; }
    fi
    echo "# starting the native Chat sample at $url (log: $log)"
    "$native" --urls "$url" >>"$log" 2>&1 &
else
    echo "# building the Chat sample"
    dotnet build samples/Chat -c Release -nologo -v quiet >"$log" 2>&1 || { cat "$log"; echo "0 passed, 1 failed"; exit 1; }
    echo "# starting the Chat sample at $url (log: $log)"
    # exec: the recorded pid is dotnet's own, so stopping it needs no process-name matching.
    bash -c 'exec dotnet run --project samples/Chat -c Release --no-build --no-launch-profile -- --urls "$0"' "$url" >>"$log" 2>&1 &
fi
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
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$log"; echo "# the Chat sample exited before it answered"; echo "0 passed, 1 failed"; exit 1
    fi
    if [ "$i" -eq 120 ]; then
        cat "$log"; echo "# the Chat sample did not answer within 60 s"; echo "0 passed, 1 failed"; exit 1
    fi
    sleep 0.5
done

status=0
node "$here/check.mjs" "$url" || status=$?
exit "$status"
