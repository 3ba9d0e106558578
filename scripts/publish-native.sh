#!/usr/bin/env bash
# Publishes the samples with Native AOT into artifacts/native/<Sample>/ and fails on any warning.
#   scripts/publish-native.sh              (every sample: Chat, Ticker, ChatClient)
#   scripts/publish-native.sh Chat         (one sample)
# The command is the one users type (`dotnet publish samples/Chat -c Release -r linux-x64
# -p:PublishAot=true`), so a global PublishAot reaching the analyzer projects is caught here.
# Native AOT links with the clang scripts/native-linker.sh finds (or installs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
samples=("$@")
[[ ${#samples[@]} -gt 0 ]] || samples=(Chat Ticker ChatClient)

linker="$(scripts/native-linker.sh)"

for sample in "${samples[@]}"; do
    out="artifacts/native/$sample"
    log="$(mktemp -t "publish-$sample.XXXXXX.log")"
    echo "# publishing samples/$sample with Native AOT into $out (linker: $linker)"
    # Warnings are errors in this repository, so an IL2xxx/IL3xxx trim or AOT warning fails here;
    # the grep below is the second lock, in case a property ever turns that off.
    if ! dotnet publish "samples/$sample" -c Release -r linux-x64 -p:PublishAot=true -nologo \
        -p:CppCompilerAndLinker="$linker" -o "$out" >"$log" 2>&1; then
        cat "$log"
        echo "# publishing samples/$sample failed" >&2
        exit 1
    fi
    if grep -E "warning (IL|CS|CA)[0-9]+" "$log"; then
        echo "# publishing samples/$sample gave the warnings above" >&2
        exit 1
    fi
    rm -f "$log"
    echo "# $out/$sample: $(du -k "$out/$sample" | cut -f1) KiB"
done
