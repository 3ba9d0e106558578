#!/usr/bin/env bash
# Publishes the samples with Native AOT into artifacts/native/<Sample>/ and fails on any warning.
#   scripts/publish-native.sh              (both samples)
#   scripts/publish-native.sh Chat         (one sample)
# Native AOT links with clang; a machine that has only a versioned clang (clang-14, ...) gets it
# passed explicitly, and a machine with none installs Debian's clang and zlib headers when it can.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
samples=("$@")
[[ ${#samples[@]} -gt 0 ]] || samples=(Chat Ticker)

find_clang() {
    command -v clang && return
    compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1
}

linker="$(find_clang || true)"
if [[ -z $linker ]] && command -v apt-get >/dev/null; then
    echo "# no clang found: installing clang and zlib1g-dev"
    (apt-get update -qq && apt-get install -y -qq clang zlib1g-dev) >/dev/null 2>&1 \
        || sudo -n sh -c 'apt-get update -qq && apt-get install -y -qq clang zlib1g-dev' >/dev/null 2>&1 || true
    linker="$(find_clang || true)"
fi
if [[ -z $linker ]]; then
    echo "# Native AOT needs clang (and zlib's headers); install them and run again" >&2
    exit 1
fi

for sample in "${samples[@]}"; do
    out="artifacts/native/$sample"
    log="$(mktemp -t "publish-$sample.XXXXXX.log")"
    echo "# publishing samples/$sample with Native AOT into $out (linker: $(basename "$linker"))"
    # Warnings are errors in this repository, so an IL2xxx/IL3xxx trim or AOT warning fails here;
    # the grep below is the second lock, in case a property ever turns that off.
    if ! dotnet publish "samples/$sample" -c Release -r linux-x64 -nologo \
        -p:CppCompilerAndLinker="$(basename "$linker")" -o "$out" >"$log" 2>&1; then
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
