#!/usr/bin/env bash
# Fault injection against the on-disk store, bounded in time.
#
#   scripts/faults.sh [--secs N] [--base DOCS] [--more DOCS] [--seed S]
#
# A base store of DOCS generated articles (default 300) is built once; every round starts
# from a copy of it and injects one fault, in turn:
#   kill     SIGKILL a `newskg build` adding MORE articles (default 400) after a random delay
#            (0-2 s), then: the store opens (`newskg stats`) or is refused with a clear error,
#            every base document is still there, and a second build completes the store;
#   read     `newskg query` in a loop while a build writes (in turn: adding to the base, and
#            a fresh build with the bulk loader): every read answers, and never shows fewer
#            documents than the base (or, before a fresh store exists, says there is none);
#   current  the store loses its RocksDB `CURRENT` file: `query` and `build` must refuse with
#            a clear error, and no data file of the base may be deleted;
#   disk     the store on a small tmpfs (base size + 3 MB): a build runs out of space; it must
#            fail with a clear error, and the store must still open with every base document.
#            Skipped with a note when tmpfs cannot be mounted (needs root).
# Rounds run until N seconds (default 120) have passed. Prints one line per round, then the
# figures: rounds per kind, failures per kind. Exit status 1 when any round failed.
# Work files are in target/faults/ (removed at the end unless a round failed).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=120 base_n=300 more_n=400 seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --secs) secs=$2; shift 2 ;;
    --base) base_n=$2; shift 2 ;;
    --more) more_n=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "faults.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin newskg --example gen_corpus || exit 2
bin=$(realpath "$CARGO_TARGET_DIR/release/newskg")
gen=$(realpath "$CARGO_TARGET_DIR/release/examples/gen_corpus")
work=$(realpath -m target/faults)
mnt=$work/disk
cleanup() { mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"; }
trap cleanup EXIT
cleanup
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
RANDOM=$seed

"$gen" $((base_n + more_n)) --seed "$seed" -o all.jsonl
head -n "$base_n" all.jsonl > base.jsonl
tail -n "$more_n" all.jsonl > more.jsonl
"$bin" build --quiet --store base.store base.jsonl || exit 2
docs_q='SELECT ?d WHERE { ?d a <https://w3id.org/newskg#Document> } ORDER BY ?d'
"$bin" query --store base.store --format tsv "$docs_q" | tail -n +2 > base.docs
base_docs=$(wc -l < base.docs)
base_quads=$("$bin" query --store base.store --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -n 1 | sed 's/"//g; s/\^\^.*//')
echo "faults: base store of $base_docs documents, $base_quads quads; $more_n more articles per build; ${secs}s"

declare -A rounds=() failures=()
fail_log=$work/failures.txt
: > "$fail_log"
fail() { # kind message
  failures[$1]=$(( ${failures[$1]:-0} + 1 ))
  echo "  FAIL [$1]: $2" | tee -a "$fail_log"
}

# A clear error: exit status 2 and a one-line "newskg: ..." message naming the store.
clear_error() { # stderr-file
  grep -q '^newskg: .*store' "$1" && [ "$(grep -c . "$1")" -le 3 ]
}

# Checks that every base document is in the store; prints the number of documents.
check_base() { # kind store
  local out=$work/check.out err=$work/check.err
  if ! "$bin" query --store "$2" --format tsv "$docs_q" > "$out" 2> "$err"; then
    if clear_error "$err"; then
      fail "$1" "store $2 refused after the fault (clear error, but the base is unreadable): $(head -c 200 "$err")"
    else
      fail "$1" "store $2 does not open, unclear error: $(head -c 300 "$err")"
    fi
    return 1
  fi
  tail -n +2 "$out" | sort > "$out.sorted"
  local lost
  lost=$(comm -23 <(sort base.docs) "$out.sorted" | wc -l)
  if [ "$lost" -gt 0 ]; then
    fail "$1" "$lost of $base_docs base documents lost in $2"
    return 1
  fi
  wc -l < "$out.sorted"
}

round_kill() {
  rm -rf s && cp -a base.store s
  local delay_ms=$((RANDOM % 2000))
  "$bin" build --quiet --store s more.jsonl 2> build.err &
  local pid=$!
  sleep "$(awk -v m=$delay_ms 'BEGIN { print m / 1000 }')"
  kill -KILL $pid 2>/dev/null && killed=yes || killed="no (finished first)"
  wait $pid 2>/dev/null
  local n
  n=$(check_base kill s) || return
  local tmp_sst
  tmp_sst=$(find s -name 'bulk-*' 2>/dev/null | wc -l)
  if ! "$bin" build --quiet --store s more.jsonl 2> build2.err; then
    fail kill "the build after the kill failed: $(head -c 300 build2.err)"
    return
  fi
  local after
  after=$(check_base kill s) || return
  if [ "$after" -ne $((base_docs + more_n)) ]; then
    fail kill "after the second build: $after documents, want $((base_docs + more_n))"
    return
  fi
  echo "  kill after ${delay_ms} ms (killed: $killed): $n documents after the kill, $after after a second build${tmp_sst:+, $tmp_sst bulk temporary files left}"
}

read_fresh=0
round_read() {
  # Alternately: a build adding to the base (transactions), and a fresh build of the base
  # articles into an empty folder (the bulk loader, which writes and deletes files).
  local fresh=$read_fresh target=base.jsonl
  read_fresh=$((1 - read_fresh))
  rm -rf s
  if [ $fresh -eq 0 ]; then cp -a base.store s; target=more.jsonl; fi
  "$bin" build --quiet --store s $target 2> build.err &
  local pid=$! reads=0 errors=0 unclear=0 fewer=0 absent=0
  while kill -0 $pid 2>/dev/null; do
    if "$bin" query --store s --format tsv "$docs_q" > read.out 2> read.err; then
      local n=$(( $(wc -l < read.out) - 1 ))
      [ $fresh -eq 0 ] && [ "$n" -lt "$base_docs" ] && fewer=$((fewer + 1))
    elif [ $fresh -eq 1 ] && grep -q 'no newskg store here' read.err; then
      absent=$((absent + 1))  # before the build created the store: the right answer
    else
      errors=$((errors + 1))
      clear_error read.err || unclear=$((unclear + 1))
      cp read.err "read-error-$errors.txt"
    fi
    reads=$((reads + 1))
  done
  wait $pid || fail read "the build failed while being read: $(head -c 300 build.err)"
  [ "$fewer" -gt 0 ] && fail read "$fewer reads saw fewer than the $base_docs base documents"
  [ "$errors" -gt 0 ] && fail read "$errors of $reads reads failed ($unclear without a clear error), e.g.: $(head -c 200 read-error-1.txt)"
  echo "  read ($([ $fresh -eq 1 ] && echo 'fresh build, bulk loader' || echo 'adding to the base')): $reads reads during the build, $errors failed${absent:+, $absent before the store existed}"
}

round_current() {
  rm -rf s && cp -a base.store s
  rm s/CURRENT
  local before
  before=$(find s -name '*.sst' | wc -l)
  "$bin" query --store s --format tsv "$docs_q" > /dev/null 2> q.err
  local qs=$?
  [ $qs -eq 0 ] && fail current "query answered on a store without CURRENT"
  [ $qs -ne 0 ] && ! clear_error q.err && fail current "query: unclear error: $(head -c 300 q.err)"
  "$bin" build --quiet --store s more.jsonl > /dev/null 2> b.err
  local bs=$?
  local after
  after=$(find s -name '*.sst' | wc -l)
  if [ $bs -eq 0 ]; then
    fail current "build wrote into a store folder that lost CURRENT ($before data files before, $after after)"
  elif ! clear_error b.err; then
    fail current "build: unclear error: $(head -c 300 b.err)"
  fi
  comm -23 <(cd base.store && ls *.sst | sort) <(cd s && ls *.sst 2>/dev/null | sort) > gone.txt
  [ -s gone.txt ] && fail current "$(wc -l < gone.txt) of the base's data files were deleted"
  echo "  current: query exit $qs, build exit $bs; .sst files $before before, $after after: $(head -n 1 b.err | head -c 160)"
}

disk_ok=unknown
round_disk() {
  if [ "$disk_ok" = unknown ]; then
    mkdir -p "$mnt"
    local size_mb=$(( $(du -sm base.store | cut -f1) + 3 ))
    if mount -t tmpfs -o size=${size_mb}m tmpfs "$mnt" 2>/dev/null; then disk_ok=yes; umount "$mnt"; else disk_ok=no; fi
  fi
  if [ "$disk_ok" = no ]; then
    echo "  disk: skipped (cannot mount a tmpfs: not root?)"
    return
  fi
  local size_mb=$(( $(du -sm base.store | cut -f1) + 3 ))
  mount -t tmpfs -o size=${size_mb}m tmpfs "$mnt" || return
  cp -a base.store "$mnt/s"
  "$bin" build --quiet --store "$mnt/s" more.jsonl > /dev/null 2> disk.err
  local bs=$?
  if [ $bs -eq 0 ]; then
    echo "  disk: the build fitted in ${size_mb} MB (no fault)"
  elif ! grep -qi 'space' disk.err; then
    fail disk "build on a full disk: exit $bs without saying the disk is full: $(head -c 300 disk.err)"
  fi
  local n
  n=$(check_base disk "$mnt/s")
  # Room again: the store must take the rest.
  mount -o remount,size=$((size_mb * 10 + 100))m "$mnt"
  if [ -n "$n" ] && ! "$bin" build --quiet --store "$mnt/s" more.jsonl > /dev/null 2> disk2.err; then
    fail disk "build after freeing space failed: $(head -c 300 disk2.err)"
  fi
  local after
  after=$(check_base disk "$mnt/s")
  umount "$mnt"
  echo "  disk: ${size_mb} MB tmpfs, build exit $bs ($(head -n 1 disk.err | head -c 120)); ${n:-?} documents after, ${after:-?} once space was back"
}

started=$(date +%s)
kinds=(kill read current disk)
i=0
while [ $(( $(date +%s) - started )) -lt "$secs" ]; do
  kind=${kinds[$((i % ${#kinds[@]}))]}
  i=$((i + 1))
  rounds[$kind]=$(( ${rounds[$kind]:-0} + 1 ))
  echo "round $i: $kind"
  "round_$kind"
done

echo
echo "== faults: $i rounds in $(( $(date +%s) - started ))s (base $base_docs documents, $more_n more per build)"
total=0
for k in "${kinds[@]}"; do
  printf '%-8s rounds %3d  failures %3d\n' "$k" "${rounds[$k]:-0}" "${failures[$k]:-0}"
  total=$((total + ${failures[$k]:-0}))
done
if [ "$total" -gt 0 ]; then
  echo "failures ($total) listed in $fail_log"
  exit 1
fi
cd .. && rm -rf "$work"
