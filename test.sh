#!/usr/bin/env bash
# Runs every test of TypedSockets and ends with one line: "N passed, N failed".
#   1. dotnet test: generator tests (snapshots, diagnostics, incrementality), runtime and client
#      tests (unit and end to end over a real Kestrel server on 127.0.0.1; the Redis bus across
#      several servers on a real redis-server started on a free port), and the samples' own
#      tests on the in-memory harness (samples/*.Tests);
#   2. Native AOT: the samples (Chat, Ticker, ChatClient) publish natively with zero warnings
#      (scripts/publish-native.sh); the sample tests of step 1 run against those executables as
#      well as in process, and two ChatClient processes chat through the Chat sample;
#   3. the protocol check: node's `ws` client against the Chat sample, JIT and native (tests/protocol-check);
#   4. the TypeScript client: the packages the builds of samples/Chat, samples/Ticker and a fixture
#      write, type tests with tsc --strict, Node tests against the servers and fake servers, and
#      the Chat page in headless Chromium, server restart included (clients/typescript/test);
#   5. the package check: a fresh app built against the packed TypedSockets (tests/package-check).
# Needs the .NET 10 SDK, node/npm, clang, chromium and redis-server (installed from Debian's packages when missing);
# packages are restored on the way.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log="$(mktemp -d -t typedsockets-tests.XXXXXX)"
passed=0
failed=0

# Adds the counts of a section's output (its "N passed, N failed" line) to the totals.
count() {
    local line
    line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)"
    if [[ -z $line ]]; then
        echo "# $2 printed no counts: counted as 1 failure"
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")))
}

echo "## Native AOT publish (samples/Chat, samples/Ticker, samples/ChatClient)"
rm -rf artifacts/native
for sample in Chat Ticker ChatClient; do
    if scripts/publish-native.sh "$sample" 2>&1 | tee "$log/publish-$sample.txt"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done

echo "## dotnet test"
# The Redis bus tests start their own redis-servers; the machine needs the program.
scripts/ensure-redis.sh || { echo "# redis-server is not available: counted as 1 failure"; failed=$((failed + 1)); }
dotnet build TypedSockets.sln -c Release -nologo -v quiet 2>&1 | tee "$log/build.txt" | grep -E "error|warn" || true
if ! grep -q "Build succeeded" "$log/build.txt" && grep -qE " error " "$log/build.txt"; then
    echo "# the build failed"
    failed=$((failed + 1))
else
    # Prints the summaries and, for a failed test, its name and the lines of its error message
    # (awk reads everything, so nothing upstream is cut off under pipefail).
    dotnet test TypedSockets.sln -c Release --no-build -nologo 2>&1 | tee "$log/dotnet.txt" \
        | awk '/^[[:space:]]*(Passed!|Failed!|Failed )/ { print; next }
               /Error Message:/ { print; message = 4; next }
               /Stack Trace:/ { message = 0 }
               message > 0 { print; message-- }'
    # One summary per test project: "Passed!  - Failed:     0, Passed:    35, Skipped: ...". Projects
    # finish in parallel, so two summaries can share a line: each is taken on its own (grep -o).
    summary='(Passed|Failed)!  - Failed:[[:space:]]*[0-9]+, Passed:[[:space:]]*[0-9]+'
    while read -r f p; do
        passed=$((passed + p))
        failed=$((failed + f))
    done < <(grep -oE "$summary" "$log/dotnet.txt" \
        | sed -E 's/.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+)/\1 \2/')
    projects="$(grep -oE "$summary" "$log/dotnet.txt" | wc -l)"
    if [[ $projects -lt 5 ]]; then
        echo "# expected 5 test projects to report, saw $projects"
        failed=$((failed + 1))
    fi
fi

echo "## protocol check (node ws against samples/Chat, JIT)"
tests/protocol-check/run.sh 2>&1 | tee "$log/protocol.txt" | grep -vE "^ok - " || true
count "$log/protocol.txt" "the protocol check"

echo "## protocol check (node ws against samples/Chat, Native AOT)"
tests/protocol-check/run.sh --native 2>&1 | tee "$log/protocol-native.txt" | grep -vE "^ok - " || true
count "$log/protocol-native.txt" "the native protocol check"

echo "## TypeScript client (generated packages, type tests with tsc, Node tests, the Chat page in Chromium)"
clients/typescript/test/run.sh 2>&1 | tee "$log/typescript.txt" | grep -vE "^ok " || true
count "$log/typescript.txt" "the TypeScript client tests"

echo "## package check"
tests/package-check/run.sh 2>&1 | tee "$log/package.txt"
count "$log/package.txt" "the package check"

rm -rf "$log"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
