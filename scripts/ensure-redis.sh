#!/usr/bin/env bash
# Makes sure redis-server is on the machine for the Redis bus tests: installs Debian's package
# when it is missing (as root, or with sudo). The tests start their own servers on free loopback
# ports; this script starts none.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 || [[ -x /usr/bin/redis-server ]]; then
    exit 0
fi
echo "# installing Debian's redis-server (apt-get)"
apt=(apt-get)
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "# redis-server is missing, and installing it needs root or sudo" >&2; exit 1; }
    apt=(sudo apt-get)
fi
log="$(mktemp -t redis-install.XXXXXX)"
if ! { "${apt[@]}" update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq redis-server; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "# could not install redis-server" >&2
    exit 1
fi
# The package starts a system-wide server on 6379; the tests never use it.
if command -v systemctl >/dev/null 2>&1; then
    systemctl stop redis-server >/dev/null 2>&1 || true
fi
