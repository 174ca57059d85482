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
# tests/it/serve.rs: curl as an HTTP client, chromium (headless) and node for the web page.
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
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

# scripts/spark.sh only (opt-in, not in CI): Java and PySpark for extraction on Spark.
if [ "${NEWSKG_SPARK:-0}" = 1 ]; then
  if ! command -v java >/dev/null 2>&1; then
    echo "bootstrap: installing openjdk-17-jre-headless" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  fi
  python3 -c 'import pyspark' 2>/dev/null ||
    { echo "bootstrap: installing pyspark" >&2; python3 -m pip install -q pyspark; }
fi

# tests/it/serve.rs: `newskg push` against a real Oxigraph server (the `oxigraph` binary of the
# PyPI package), and playwright-core (no browser download) driving Debian's chromium.
command -v oxigraph >/dev/null 2>&1 ||
  { echo "bootstrap: installing oxigraph (PyPI)" >&2; python3 -m pip install -q oxigraph; }
# tests/it/serve_clients.rs: the Python SPARQL clients (SPARQLWrapper brings rdflib).
python3 -c 'import SPARQLWrapper, rdflib' 2>/dev/null ||
  { echo "bootstrap: installing SPARQLWrapper" >&2; python3 -m pip install -q SPARQLWrapper; }
web="$(dirname "$0")/../tests/web"
[ -d "$web/node_modules/playwright-core" ] ||
  { echo "bootstrap: installing the web test's node packages" >&2; (cd "$web" && npm ci --no-audit --no-fund --silent); }
