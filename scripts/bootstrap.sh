#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test newskg:
# libclang-dev (bindgen for Oxigraph's RocksDB), graphviz (DOT rendering in tests),
# and the Python peers the CI checks use (pyshacl, networkx).
# Idempotent: does nothing when everything is present.
set -euo pipefail

need_apt=()
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need_apt[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ "${NEWSKG_PY:-0}" = 1 ]; then
  python3 -c 'import pyshacl, networkx' 2>/dev/null ||
    { echo "bootstrap: installing pyshacl networkx" >&2; python3 -m pip install -q pyshacl networkx; }
fi
