#!/usr/bin/env bash
# The main job on the bundled examples: build newskg, extract examples/articles/ into a
# store, and print who met whom (with dates and places) and the roles found.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/newskg
store=${NEWSKG_STORE:-newskg-store}
"$bin" build --store "$store" examples/articles
echo
echo "Who met whom:"
"$bin" query --store "$store" --format table @examples/queries/who-met-whom.rq
echo
echo "Roles:"
"$bin" query --store "$store" --format table @examples/queries/roles.rq
"$bin" export --store "$store" --format dot --output who-met-whom.dot
echo
echo "Graphviz diagram: who-met-whom.dot (render: dot -Tsvg who-met-whom.dot -o who-met-whom.svg)"
