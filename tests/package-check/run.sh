#!/usr/bin/env bash
# Packs TypedSockets.Core (with the generator inside), the TypedSockets server package, the
# TypedSockets.Client package and the TypedSockets.Testing harness, then,
# from a local folder feed, as a user would:
#   1. builds and runs a fresh app that references it (app/);
#   2. builds a project full of misuse and finds every diagnostic at its line (misuse/);
#   3. pastes the README's code into a web app with PublishAot on, beside the other source
#      generators users combine with ours (aot/Neighbours.cs); builds it and publishes it natively,
#      both with zero warnings; runs the native executable and talks to it over WebSockets and
#      HTTP (aot/check.mjs);
#   4. builds a contracts library on TypedSockets.Core, a server that adopts its contract and a
#      console app on TypedSockets.Client that gets a typed client generated from the contract,
#      without ASP.NET Core, and has the two talk (shared/).
# Prints one line per check and ends with "N passed, N failed".
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d -t typedsockets-package.XXXXXX)"
server=""
stop_server() {
    if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    [[ -z $server ]] || wait "$server" 2>/dev/null || true
}
trap 'stop_server; [[ -n ${KEEP_PACKAGE_CHECK:-} ]] || rm -rf "$work"' EXIT
version="0.1.0-check.$(date +%s)"
passed=0
failed=0

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() {
    echo "not ok - $1"
    [[ -f $work/log ]] && tail -40 "$work/log"
    failed=$((failed + 1))
}
# A failure that leaves nothing to check after it.
fatal() { not_ok "$1"; echo "$passed passed, $failed failed"; exit 1; }

echo "# packing TypedSockets.Core, TypedSockets, TypedSockets.Client, TypedSockets.Testing and TypedSockets.Redis $version"
for project in Core Runtime Client Testing Redis; do
    dotnet pack "$root/src/$project" -c Release -p:Version="$version" -o "$work/feed" -nologo >"$work/log" 2>&1 || fatal "dotnet pack src/$project"
done
# The listings go to files and grep reads the files: a pipe into a reader that quits at its first
# match would let unzip die of SIGPIPE, which pipefail turns into a random failure.
unzip -l "$work/feed/TypedSockets.Core.$version.nupkg" >"$work/contents" || fatal "listing TypedSockets.Core"
for analyzer in TypedSockets.Generator.dll TypedSockets.CodeFixes.dll; do
    grep -q "analyzers/dotnet/cs/$analyzer" "$work/contents" || fatal "TypedSockets.Core has no analyzers/dotnet/cs/$analyzer"
done
# TypedSockets depends on TypedSockets.Core without excluding its analyzers, so one reference
# brings the generator.
unzip -p "$work/feed/TypedSockets.$version.nupkg" TypedSockets.nuspec >"$work/nuspec" || fatal "reading TypedSockets.nuspec"
grep -E "<dependency id=\"TypedSockets.Core\" version=\"\[?$version" "$work/nuspec" >"$work/dependency" || fatal "TypedSockets does not depend on TypedSockets.Core $version"
if grep -qi 'exclude="[^"]*analyzers' "$work/dependency"; then
    fatal "TypedSockets's dependency on TypedSockets.Core excludes its analyzers: $(cat "$work/dependency")"
fi
# The client and the harness bring what they stand on: Core (the generator with it) for the
# client, the server and the client for the harness.
unzip -p "$work/feed/TypedSockets.Client.$version.nupkg" TypedSockets.Client.nuspec >"$work/nuspec" || fatal "reading TypedSockets.Client.nuspec"
grep "<dependency id=\"TypedSockets.Core\" version=\"\[\?$version" "$work/nuspec" >/dev/null || fatal "TypedSockets.Client does not depend on TypedSockets.Core $version"
if grep -E 'id="(TypedSockets|Microsoft.AspNetCore[^"]*)"|Microsoft.AspNetCore.App' "$work/nuspec" >/dev/null; then
    fatal "TypedSockets.Client depends on the server or ASP.NET Core: $(cat "$work/nuspec")"
fi
unzip -p "$work/feed/TypedSockets.Testing.$version.nupkg" TypedSockets.Testing.nuspec >"$work/nuspec" || fatal "reading TypedSockets.Testing.nuspec"
for dependency in TypedSockets TypedSockets.Client Microsoft.AspNetCore.TestHost Microsoft.Extensions.TimeProvider.Testing; do
    grep "<dependency id=\"$dependency\"" "$work/nuspec" >/dev/null || fatal "TypedSockets.Testing does not depend on $dependency"
done
# The Redis bus stands on the server and StackExchange.Redis, nothing else of ours.
unzip -p "$work/feed/TypedSockets.Redis.$version.nupkg" TypedSockets.Redis.nuspec >"$work/nuspec" || fatal "reading TypedSockets.Redis.nuspec"
for dependency in TypedSockets StackExchange.Redis; do
    grep "<dependency id=\"$dependency\"" "$work/nuspec" >/dev/null || fatal "TypedSockets.Redis does not depend on $dependency"
done

# The local feed beside the machine's own sources (Native AOT restores its ILCompiler packages from
# them); the machine's package folder as a fallback, so those are not downloaded again.
global_packages="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')"
cat >"$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="typedsockets-check" value="$work/feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine" value="$global_packages" />
  </fallbackPackageFolders>
</configuration>
CONFIG
# Keep the apps away from the repository's Directory.*.props: they must stand on the package alone.
echo "<Project />" >"$work/Directory.Build.props"
echo "<Project />" >"$work/Directory.Packages.props"
restore=(-p:TypedSocketsVersion="$version" --packages "$work/packages" -nologo)

# ---- 1. a fresh app ------------------------------------------------------------------------------
echo "# building a fresh app against the package"
cp -r "$here/app" "$work/app"
if ! (cd "$work/app" && dotnet build -c Release "${restore[@]}" >"$work/log" 2>&1); then
    not_ok "building an app that references the package"
elif ! (cd "$work/app" && dotnet run -c Release --no-build -p:TypedSocketsVersion="$version" >"$work/log" 2>&1); then
    not_ok "the app's endpoint did not answer as expected"
else
    ok "a fresh app builds and serves an endpoint from the packed TypedSockets"
fi
# What the package's build targets write beside the build: the AsyncAPI document, and the
# TypeScript client package (its runtime, the endpoint's module and a package.json).
client="$work/app/obj/typescript"
if [[ -f $work/app/bin/Release/net10.0/asyncapi.json && -f $client/package.json && -f $client/runtime.js && -f $client/check.js && -f $client/check.d.ts ]] \
    && grep -q '"name": "packagecheck-client"' "$client/package.json" && grep -q 'path: "/ws/check"' "$client/check.js"; then
    ok "the app's build wrote asyncapi.json and its TypeScript client package (obj/typescript)"
else
    ls -la "$client" 2>&1 || true
    not_ok "the app's build did not write asyncapi.json and the TypeScript client package"
fi

# ---- 2. every diagnostic on the command line -------------------------------------------------------
echo "# building a project full of misuse: every diagnostic must reach dotnet build at its line"
cp -r "$here/misuse" "$work/misuse"
(cd "$work/misuse" && dotnet build -c Release "${restore[@]}" >"$work/log" 2>&1)
missing=0
while IFS= read -r marked; do
    line="${marked%%:*}"
    id="$(grep -oE 'TSK[0-9]{3}' <<<"${marked#*:}")"
    if ! grep -qE "Misuse\.cs\($line,[0-9]+\): (error|warning) $id:" "$work/log"; then
        echo "# missing: $id at Misuse.cs line $line"
        missing=$((missing + 1))
    fi
done < <(grep -nE '// TSK[0-9]{3}$' "$work/misuse/Misuse.cs")
if [[ $missing -gt 0 ]]; then
    grep -E "TSK[0-9]{3}|error" "$work/log" | sed -E 's#^.*/misuse/##' | sort -u | sed -n '1,40p'
    rm -f "$work/log"
    not_ok "$missing diagnostics did not reach dotnet build"
else
    ok "every diagnostic reached dotnet build at its line ($(grep -cE '// TSK[0-9]{3}$' "$work/misuse/Misuse.cs") of them)"
fi

# ---- 3. the README's code under Native AOT ---------------------------------------------------------
# The README marks its two blocks with an HTML comment naming this check. The first is a whole
# Program.cs; the second goes before its app.Run(). Two lines join them to Neighbours.cs.
readme_block() {
    awk -v want="$1" '
        /<!-- tests\/package-check/ { seen++; next }
        seen == want && /^```csharp/ { inside = 1; next }
        inside && /^```/ { exit }
        inside { print }' "$root/README.md"
}
echo "# pasting the README's code into a web app with PublishAot on"
cp -r "$here/aot" "$work/aot"
rm -f "$work/aot/check.mjs"
readme_block 1 >"$work/readme-program.cs"
readme_block 2 >"$work/readme-snippet.cs"
if ! grep -qx 'var app = builder.Build();' "$work/readme-program.cs" || ! grep -qx 'app.Run();' "$work/readme-program.cs" \
    || [[ ! -s $work/readme-snippet.cs ]]; then
    rm -f "$work/log"
    not_ok "the README's first endpoint (a Program.cs with 'var app = builder.Build();' and 'app.Run();') and its snippet were not found"
    echo "$passed passed, $failed failed"
    exit 1
fi
awk -v snippet="$work/readme-snippet.cs" '
    $0 == "var app = builder.Build();" { print "builder.Services.AddNeighbours();" }
    $0 == "app.Run();" { while ((getline line < snippet) > 0) print line; print "app.MapNeighbours();" }
    { print }' "$work/readme-program.cs" >"$work/aot/Program.cs"

# Warnings are errors in AotCheck.csproj; the grep is the second lock.
warnings='warning [A-Z]+[0-9]+'
if ! (cd "$work/aot" && dotnet build -c Release "${restore[@]}" >"$work/log" 2>&1) || grep -qE "$warnings" "$work/log"; then
    not_ok "the README's code does not build warning-free with PublishAot on"
else
    ok "the README's code builds with PublishAot on, zero warnings, beside RDG, [LoggerMessage], [GeneratedRegex], JsonSerializerContext and [OptionsValidator]"
    linker="$("$root/scripts/native-linker.sh")" || linker=""
    if [[ -z $linker ]] || ! (cd "$work/aot" && dotnet publish -c Release -r linux-x64 "${restore[@]}" \
        -p:CppCompilerAndLinker="$linker" -o "$work/native" >"$work/log" 2>&1) || grep -qE "$warnings" "$work/log"; then
        not_ok "the README's code does not publish natively warning-free"
    else
        ok "the README's code publishes with Native AOT, zero warnings ($(du -k "$work/native/AotCheck" | cut -f1) KiB)"
        port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
        url="http://127.0.0.1:$port"
        "$work/native/AotCheck" --urls "$url" >"$work/server.log" 2>&1 &
        server=$!
        for _ in $(seq 1 100); do
            node -e 'fetch(process.argv[1] + "/online").then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url" 2>/dev/null && break
            kill -0 "$server" 2>/dev/null || break
            sleep 0.2
        done
        if [[ ! -d $here/../protocol-check/node_modules/ws ]]; then
            (cd "$here/../protocol-check" && npm ci --no-audit --no-fund >/dev/null)
        fi
        echo "# the native app at $url"
        node "$here/aot/check.mjs" "$url" >"$work/check.txt" 2>&1
        cat "$work/check.txt"
        stop_server
        line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/check.txt" | tail -n 1)"
        if [[ -z $line ]]; then
            echo "# the native app's log:"
            cat "$work/server.log"
            failed=$((failed + 1))
        else
            passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")))
            failed=$((failed + $(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")))
        fi
    fi
fi

# ---- 4. a contract shared by a server and a client app ------------------------------------------------
# A contracts library on TypedSockets.Core alone; a server whose endpoint adopts its contract; a
# console app that references only the library and TypedSockets.Client and talks to the server
# through the typed client generated from the contract.
echo "# the shared-contract layout: contracts library, server, console"
cp -r "$here/shared" "$work/shared"
if ! (cd "$work/shared/Server" && dotnet build -c Release "${restore[@]}" >"$work/log" 2>&1) \
    || ! (cd "$work/shared/Console" && dotnet build -c Release "${restore[@]}" >>"$work/log" 2>&1); then
    not_ok "the shared-contract layout does not build"
else
    ok "a contracts library on TypedSockets.Core, a server that adopts its contract and a console app on TypedSockets.Client build"
    console_bin="$work/shared/Console/bin/Release/net10.0"
    if grep -q "Microsoft.AspNetCore" "$work/shared/Contracts/obj/project.assets.json" "$work/shared/Console/obj/project.assets.json" \
        "$console_bin/Console.runtimeconfig.json" \
        || compgen -G "$console_bin/Microsoft.AspNetCore*" >/dev/null || compgen -G "$console_bin/TypedSockets.dll" >/dev/null; then
        rm -f "$work/log"
        not_ok "the contracts library or the console app reaches ASP.NET Core or the server package"
    else
        ok "neither the contracts library nor the console app references ASP.NET Core or the server (project.assets.json, runtimeconfig, bin)"
    fi
    port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
    url="http://127.0.0.1:$port"
    (cd "$work/shared/Server" && exec dotnet bin/Release/net10.0/Server.dll --urls "$url") >"$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 150); do
        node -e 'fetch(process.argv[1] + "/online").then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url" 2>/dev/null && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.2
    done
    if (cd "$work/shared/Console" && dotnet bin/Release/net10.0/Console.dll "$url" >"$work/log" 2>&1); then
        ok "the console app talks to the server through its generated ChatClient ($(tr '\n' ' ' <"$work/log"))"
    else
        echo "# the server's log:"
        cat "$work/server.log"
        not_ok "the console app could not talk to the server through the shared contract"
    fi
    stop_server
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
