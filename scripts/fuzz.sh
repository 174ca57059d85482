#!/usr/bin/env bash
# Fuzzes every input reader (plain text, HTML, Markdown, JSON Lines) and SPARQL text with the
# stable-Rust mutation fuzzer examples/fuzz.rs, SECS seconds per target (default 60).
#
#   scripts/fuzz.sh [--secs SECS] [--seed S] [--targets "text html markdown jsonl sparql"]
#
# Findings go to target/fuzz/: crashes/ (panics, and the input of a run that aborted, e.g. on a
# stack overflow; the fuzzer is restarted with the next seed), slow/ (inputs slower than 1 s
# plus 1 s per MB, and hangs: an input still running 60 s past the budget, killed). Prints per
# target: inputs run, rate, panics, aborts, hangs, slow inputs, the slowest input finished.
# Exit status 1 when anything crashed (slow inputs and hangs are reported, not failures).
# cargo-fuzz would need a nightly build of RocksDB with sanitizers (~20 min), hence this.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=60 seed=1 targets="text html markdown jsonl sparql"
while [ $# -gt 0 ]; do
  case "$1" in
    --secs) secs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --example fuzz || exit 2
fuzz=$CARGO_TARGET_DIR/release/examples/fuzz
out=target/fuzz
mkdir -p "$out/crashes" "$out/slow"
crashed=0
summary=()
for t in $targets; do
  start=$(date +%s) s=$seed inputs=0 panics=0 aborts=0 hangs=0 slow=0 slowest=""
  while :; do
    left=$(( secs - ($(date +%s) - start) ))
    [ "$left" -le 0 ] && break
    # A watchdog: one input still running 60 s past the budget is a hang.
    line=$(timeout -s KILL $((left + 60)) "$fuzz" "$t" --secs "$left" --seed "$s" --out "$out" 2> >(tee -a "$out/$t.log" >&2) | tail -n 1)
    status=${PIPESTATUS[0]}
    if [ "$status" -eq 3 ]; then
      hangs=$((hangs + 1))  # a SPARQL evaluation that ignored its cancellation (saved in slow/)
      status=0
    fi
    if [ "$status" -eq 137 ] && [ -f "$out/current-$t" ]; then
      hangs=$((hangs + 1))
      mv "$out/current-$t" "$out/slow/$t-hang-seed$s"
      echo "fuzz $t: an input ran past the budget + 60 s (seed $s): $out/slow/$t-hang-seed$s" >&2
    elif [ "$status" -ne 0 ] || [ -z "$line" ]; then
      aborts=$((aborts + 1))
      if [ -f "$out/current-$t" ]; then
        mv "$out/current-$t" "$out/crashes/$t-abort-seed$s"
        echo "fuzz $t: the fuzzer died (seed $s); its input is $out/crashes/$t-abort-seed$s" >&2
      fi
    else
      # fuzz T: N inputs in S s (R/s), P panics, W slow, slowest T ms (B bytes), largest B bytes
      read -r n p w sl <<< "$(sed -E 's/.*: ([0-9]+) inputs.*, ([0-9]+) panics, ([0-9]+) slow, slowest ([0-9]+ ms \([0-9]+ bytes\)).*/\1 \2 \3 \4/' <<< "$line")"
      inputs=$((inputs + n)) panics=$((panics + p)) slow=$((slow + w))
      ms=${sl%% ms*}
      if [ -z "$slowest" ] || [ "$ms" -gt "${slowest%% ms*}" ]; then slowest=$sl; fi
    fi
    s=$((s + 1))
  done
  took=$(( $(date +%s) - start ))
  [ $((panics + aborts)) -gt 0 ] && crashed=1
  summary+=("$(printf '%-9s %8d inputs %6ds %7.0f/s  panics %d  aborts %d  hangs %d  slow %d  slowest %s' "$t" "$inputs" "$took" "$(awk -v n=$inputs -v s=$took 'BEGIN { print (s > 0 ? n / s : 0) }')" "$panics" "$aborts" "$hangs" "$slow" "${slowest:-?}")")
done
echo
echo "== fuzz: $secs s per target, seeds from $seed"
printf '%s\n' "${summary[@]}"
echo "findings in $out/crashes and $out/slow"
exit $crashed
