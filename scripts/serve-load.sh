#!/usr/bin/env bash
# Load figures for `newskg serve`: builds a store from examples/articles (or --store DIR),
# serves it, and runs examples/serve_load.rs with 1, 4 and 16 clients posting a 'who met
# Vladimir Putin' query for SECS seconds each (default 5); then the same against
# `oxigraph serve-read-only --union-default-graph` on the same store when `oxigraph` is on PATH.
# Prints a table: clients, queries/s, p50 ms, p99 ms, queries, errors.
# Usage: scripts/serve-load.sh [--store DIR] [--secs N]
set -euo pipefail
cd "$(dirname "$0")/.."
store=""; secs=5
while [ $# -gt 0 ]; do
    case "$1" in
    --store) store="$2"; shift ;;
    --secs) secs="$2"; shift ;;
    *) echo "usage: scripts/serve-load.sh [--store DIR] [--secs N]" >&2; exit 2 ;;
    esac
    shift
done
cargo build --release --quiet --bin newskg --example serve_load
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/newskg
load=$target/release/examples/serve_load
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "$store" ]; then
    store=$work/store
    "$bin" build --quiet --store "$store" examples/articles
fi
query='PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?who ?date WHERE {
  ?m a nkg:Meeting ; nkg:participant ?p, ?o . OPTIONAL { ?m nkg:date ?date }
  ?p rdfs:label "Vladimir Putin" . ?o rdfs:label ?who . FILTER(?o != ?p) } ORDER BY ?who'
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "nothing listens on $1" >&2; exit 1; }
run() {
    local name=$1 url=$2
    echo "== $name ($(nproc) cores, ${secs}s per row)"
    printf 'clients\tq/s\tp50_ms\tp99_ms\tqueries\terrors\n'
    for c in 1 4 16; do "$load" "$url" "$c" "$secs" "$query"; done
}
p=$(port)
"$bin" serve --quiet --store "$store" --bind "127.0.0.1:$p" 2>/dev/null & pids+=($!)
wait_port "$p"
run "newskg serve" "http://127.0.0.1:$p/query"
if command -v oxigraph >/dev/null; then
    p2=$(port)
    oxigraph serve-read-only --location "$store" --bind "127.0.0.1:$p2" --union-default-graph >/dev/null 2>&1 & pids+=($!)
    wait_port "$p2"
    run "oxigraph serve-read-only --union-default-graph" "http://127.0.0.1:$p2/query"
fi
