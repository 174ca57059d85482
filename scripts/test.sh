#!/usr/bin/env bash
# Runs every test (unit, rules, property, CLI on a real store, Graphviz rendering) with the
# release profile, so tests and the release binary share one build of RocksDB.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cargo test --release "$@"
