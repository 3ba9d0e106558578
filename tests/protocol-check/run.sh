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

if [ ! -d "$here/node_modules/ws" ] || [ ! -d "$here/node_modules/@asyncapi/parser" ] || [ ! -d "$here/node_modules/ajv-formats" ]; then
    echo "# installing the ws client and the AsyncAPI parser (npm ci)"
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
# The AsyncAPI document the build wrote; the check compares it with the one the server serves.
export ASYNCAPI_FILE="$root/samples/Chat/bin/Release/net10.0/asyncapi.json"

source scripts/chat-sample.sh
chat_sample_start "${1:-}"

status=0
node "$here/check.mjs" "$url" || status=$?
exit "$status"
