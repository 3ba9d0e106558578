# Sourced by the test scripts that talk to the Chat sample (tests/protocol-check, the TypeScript
# client's tests): `chat_sample_start [--native]` builds (or takes the Native AOT executable from
# scripts/publish-native.sh) and starts samples/Chat on a free loopback port, waits until it
# answers, and stops it when the calling script exits. It sets `url` (http://127.0.0.1:PORT) and
# `log`. A sample that does not start ends the script with "0 passed, 1 failed".
# Expects to run from the repository's root.

chat_sample_start() {
    local port i
    port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
    url="http://127.0.0.1:$port"
    log="$(mktemp -t chat-sample.XXXXXX.log)"
    if [[ ${1:-} == --native ]]; then
        local native="artifacts/native/Chat/Chat"
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
    chat_sample_pid=$!
    trap chat_sample_stop EXIT
    for i in $(seq 1 120); do
        if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$chat_sample_pid" 2>/dev/null; then
            cat "$log"; echo "# the Chat sample exited before it answered"; echo "0 passed, 1 failed"; exit 1
        fi
        if [[ $i -eq 120 ]]; then
            cat "$log"; echo "# the Chat sample did not answer within 60 s"; echo "0 passed, 1 failed"; exit 1
        fi
        sleep 0.5
    done
}

chat_sample_stop() {
    if kill -0 "$chat_sample_pid" 2>/dev/null; then
        kill -TERM "$chat_sample_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$chat_sample_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$chat_sample_pid" 2>/dev/null || true
    fi
    wait "$chat_sample_pid" 2>/dev/null || true
}
