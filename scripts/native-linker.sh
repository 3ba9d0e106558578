#!/usr/bin/env bash
# Prints the name of the clang that Native AOT should link with: `clang`, or the newest versioned
# one (clang-14, ...) on machines that have only those. A machine with none installs Debian's clang
# and zlib headers when it can. Exits 1, saying why, when there is no clang to be had.
set -uo pipefail

find_clang() {
    if command -v clang >/dev/null; then
        echo clang
        return
    fi
    # The whole list is read (sort, then tail), so nothing is cut off under pipefail.
    compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -u -t- -k2 -n | tail -n 1
}

linker="$(find_clang)"
if [[ -z $linker ]] && command -v apt-get >/dev/null; then
    echo "# no clang found: installing clang and zlib1g-dev" >&2
    (apt-get update -qq && apt-get install -y -qq clang zlib1g-dev) >/dev/null 2>&1 \
        || sudo -n sh -c 'apt-get update -qq && apt-get install -y -qq clang zlib1g-dev' >/dev/null 2>&1 || true
    linker="$(find_clang)"
fi
if [[ -z $linker ]]; then
    echo "# Native AOT needs clang (and zlib's headers); install them and run again" >&2
    exit 1
fi
echo "$linker"
