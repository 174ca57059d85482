#!/usr/bin/env bash
# Whole-pipeline benchmark: builds release, generates seeded corpora (1k and 10k articles;
# also 100k with --full) and prints, as medians of RUNS runs (default 3):
#   (a) extraction throughput, `newskg extract --format nquads --input-format jsonl -` to
#       /dev/null, in MB of article text per second (wall and per CPU second), with `wc -w`
#       on the same text as a reference
#   (b) `newskg build` into a fresh store: wall time and peak RSS, against Oxigraph's bulk
#       load of the same N-Quads (examples/bulk_load.rs), and the ratio
#   (c) query latency on the built store, in process (examples/query_latency.rs)
#   (d) adding one new article to the built store with `newskg build --store BIG one.txt`
#   (e) quads and store bytes per article
# Usage: scripts/bench.sh [--full] [--sizes "1000 5000"] [--runs N] [--out DIR]
# (results also in DIR/results.md, default target/bench/results.md)
set -euo pipefail
cd "$(dirname "$0")/.."

args="$*"
sizes=(1000 10000)
runs=3
out=target/bench
while [ $# -gt 0 ]; do
    case "$1" in
    --full) sizes=(1000 10000 100000) ;;
    --sizes) read -r -a sizes <<<"$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: scripts/bench.sh [--full] [--sizes \"N...\"] [--runs N] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -x /usr/bin/time ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y time >/dev/null
fi

cargo build --release --bin newskg --example gen_corpus --example bulk_load --example query_latency 2>&1 | tail -1
bin=target/release/newskg
ex=target/release/examples
mkdir -p "$out"
res="$out/results.md"
cores=$(nproc)

# median of numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# timed CMD...: runs CMD under /usr/bin/time, appends "wall user sys maxrss_kb" to $out/t
timed() { /usr/bin/time -f "%e %U %S %M" -o "$out/t1" "$@"; cat "$out/t1" >>"$out/t"; }
col() { awk -v c="$1" '{ print $c }' "$out/t" | median; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

{
    echo "# newskg bench, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)"
    echo
    echo "Command: \`scripts/bench.sh $args\` (sizes ${sizes[*]}; medians of $runs runs)"
    echo
} >"$res"
say() { echo "$@" | tee -a "$res"; }

for n in "${sizes[@]}"; do
    c="$out/corpus-$n"
    $ex/gen_corpus "$n" -o "$c.jsonl"
    $ex/gen_corpus "$n" --text -o "$c.txt"
    text_bytes=$(($(stat -c %s "$c.txt") - 2 * n))
    mb=$(calc %.2f "$text_bytes / 1e6")
    say ""
    say "## $n articles: $mb MB of article text, $(stat -c %s "$c.jsonl") bytes of JSON Lines"

    # (a) extraction
    : >"$out/t"
    for _ in $(seq "$runs"); do timed $bin extract --format nquads --input-format jsonl - <"$c.jsonl" >/dev/null; done
    wall=$(col 1); cpu=$(awk '{ print $2 + $3 }' "$out/t" | median); rss=$(col 4)
    : >"$out/t"
    # wc is too fast for /usr/bin/time's 10 ms resolution: time it with nanoseconds.
    for _ in $(seq "$runs"); do
        t0=$(date +%s.%N); wc -w "$c.txt" >/dev/null; t1=$(date +%s.%N)
        echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$out/t"
    done
    wc_wall=$(col 1)
    wc_mbs=$(calc %.0f "$text_bytes / $wc_wall / 1e6")
    say "(a) extract: $(calc %.2f "$wall") s wall, $(calc %.1f "$text_bytes / $wall / 1e6") MB/s total," \
        "$(calc %.1f "$text_bytes / $cpu / 1e6") MB/s per CPU-second ($(calc %.1f "$text_bytes / $wall / 1e6 / $cores") per core of $cores)," \
        "peak RSS $((rss / 1024)) MB; wc -w: $(calc %.3f "$wc_wall") s (${wc_mbs} MB/s; newskg takes $(calc %.0f "$wall / $wc_wall")x as long)"

    # (b) build vs bulk load
    $bin extract --format nquads --input-format jsonl - <"$c.jsonl" >"$c.nq"
    : >"$out/t"
    for _ in $(seq "$runs"); do
        rm -rf "$c.store"
        timed $bin build --quiet --store "$c.store" --input-format jsonl "$c.jsonl"
    done
    b_wall=$(col 1); b_rss=$(col 4)
    : >"$out/t"
    for _ in $(seq "$runs"); do
        rm -rf "$c.bulk"
        timed $ex/bulk_load "$c.bulk" "$c.nq" >/dev/null
    done
    l_wall=$(col 1); l_rss=$(col 4)
    say "(b) build: $b_wall s, peak RSS $((b_rss / 1024)) MB; Oxigraph bulk load of the N-Quads:" \
        "$l_wall s, peak RSS $((l_rss / 1024)) MB; build/bulk = $(calc %.2f "$b_wall / $l_wall")x"

    # (e) sizes, before (d) adds to the store
    quads=$($bin stats --store "$c.store" | awk '$1 == "quads" { print $2 }')
    s_bytes=$(du -sb "$c.store" | cut -f1)
    l_bytes=$(du -sb "$c.bulk" | cut -f1)
    say "(e) $(calc %.0f "$quads / $n") quads per article; store $(calc %.0f "$s_bytes / $n") bytes per article" \
        "($((s_bytes / 1048576)) MB; bulk-loaded store $(calc %.0f "$l_bytes / $n") bytes per article)"

    # (c) queries
    say "(c) queries (in process, 200 runs each, p50/p95 in ms; median of $runs):"
    # The naive shape grows with the square of the corpus: small stores, first run only.
    for r in $(seq "$runs"); do
        naive=""; [ "$n" -le 1000 ] && [ "$r" = 1 ] && naive=--naive
        $ex/query_latency "$c.store" 200 $naive >"$out/q$r.tsv"
    done
    tail -n +2 "$out/q1.tsv" | cut -f1,2 | while IFS=$'\t' read -r q rows; do
        p50=$(grep -h "^$q	" "$out"/q[0-9]*.tsv | cut -f4 | median)
        p95=$(grep -h "^$q	" "$out"/q[0-9]*.tsv | cut -f5 | median)
        say "    $q: $rows rows, p50 $p50 ms, p95 $p95 ms"
    done

    # (d) one new article into the big store (a different seed: a new document each run)
    : >"$out/t"
    for r in $(seq "$runs"); do
        $ex/gen_corpus 1 --seed $((1000 + r)) --text -o "$out/one-$r.txt"
        timed $bin build --quiet --store "$c.store" "$out/one-$r.txt"
    done
    say "(d) add one article to the $n-article store: $(col 1) s wall, peak RSS $(($(col 4) / 1024)) MB"
    # Leave the store equal to the corpus (docs/SCALE.md compares quad counts against it).
    $bin remove --store "$c.store" $(seq -f "one-%g" "$runs") 2>/dev/null
done
echo
echo "results in $res"
