#!/usr/bin/env bash
# Packs the TypedSockets runtime (with the generator inside), then builds and runs a fresh app that
# references it from a local folder feed, as a user would. Prints "N passed, N failed".
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d -t typedsockets-package.XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-check.$(date +%s)"

fail() { echo "not ok - $1"; [ -f "$work/log" ] && tail -40 "$work/log"; echo "0 passed, 1 failed"; exit 1; }

echo "# packing TypedSockets $version"
dotnet pack "$root/src/Runtime" -c Release -p:Version="$version" -o "$work/feed" -nologo >"$work/log" 2>&1 || fail "dotnet pack"
unzip -l "$work/feed/TypedSockets.$version.nupkg" | grep -q "analyzers/dotnet/cs/TypedSockets.Generator.dll" \
    || fail "the package has no analyzers/dotnet/cs/TypedSockets.Generator.dll"
unzip -l "$work/feed/TypedSockets.$version.nupkg" | grep -q "analyzers/dotnet/cs/TypedSockets.CodeFixes.dll" \
    || fail "the package has no analyzers/dotnet/cs/TypedSockets.CodeFixes.dll"

cp -r "$here/app" "$work/app"
cat >"$work/app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
# Keep the app away from the repository's Directory.*.props: it must stand on the package alone.
echo "<Project />" >"$work/Directory.Build.props"
echo "<Project />" >"$work/Directory.Packages.props"

echo "# building a fresh app against the package"
(cd "$work/app" && dotnet build -c Release -p:TypedSocketsVersion="$version" --packages "$work/packages" -nologo >"$work/log" 2>&1) \
    || fail "building an app that references the package"
echo "# running it"
(cd "$work/app" && dotnet run -c Release --no-build -p:TypedSocketsVersion="$version" >"$work/log" 2>&1) \
    || fail "the app's endpoint did not answer as expected"
echo "ok - a fresh app builds and serves an endpoint from the packed TypedSockets"

echo "# building a project full of misuse: every diagnostic must reach dotnet build at its line"
cp -r "$here/misuse" "$work/misuse"
cp "$work/app/nuget.config" "$work/misuse/nuget.config"
(cd "$work/misuse" && dotnet build -c Release -p:TypedSocketsVersion="$version" --packages "$work/packages" -nologo >"$work/log" 2>&1)
missing=0
while IFS= read -r marked; do
    line="${marked%%:*}"
    id="$(grep -oE 'TSK[0-9]{3}' <<<"${marked#*:}")"
    if ! grep -qE "Misuse\.cs\($line,[0-9]+\): (error|warning) $id:" "$work/log"; then
        echo "# missing: $id at Misuse.cs line $line"
        missing=$((missing + 1))
    fi
done < <(grep -nE '// TSK[0-9]{3}$' "$work/misuse/Misuse.cs")
if [ "$missing" -gt 0 ]; then
    grep -E "TSK[0-9]{3}|error" "$work/log" | sed -E 's#^.*/misuse/##' | sort -u | head -40
    echo "not ok - $missing diagnostics did not reach dotnet build"
    echo "1 passed, 1 failed"
    exit 1
fi
echo "ok - every diagnostic reached dotnet build at its line ($(grep -cE '// TSK[0-9]{3}$' "$work/misuse/Misuse.cs") of them)"
echo "2 passed, 0 failed"
