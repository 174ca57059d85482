#!/usr/bin/env bash
# Inputs that must take time linear in their size: for each case, a generated input at sizes
# N, 2N and 4N, `newskg extract --format nquads` on each, and the time ratio per doubling
# (about 2 when linear, about 4 when quadratic). The cases are kinds the fuzzer and fault
# work found slow (docs/ROBUSTNESS.md):
#   sentence   one sentence of N clauses, no full stop ("A met B on 3 March 2025, and ...")
#   markdown   unbalanced Markdown: N unclosed "[" and "<", and "[a](" runs
#   names      one page naming N distinct people in full, then each by surname ("Ms Surname")
#   dots       a run of N dots inside a sentence
#   glued      N capitalised words glued by ">" with no space ("Omi>Omi>..."): the word before
#              a name is looked for over a bounded reach
#   surnames   N titled one-word names ("Mrs. Lee ... and Gen. Hart!?"): each single word is
#              compared with a bounded number of the names told before
#   acronyms   N bracketed datelines in capitals ("OSLO, May 5 (OSLO, May 5 (..."): each
#              organisation's initials are computed once, not once per acronym
#
#   scripts/linear.sh [--n N] [--cases "sentence markdown names dots glued surnames acronyms"]
# Default N: 2000 clauses, 100000 markup characters, 25000 names, 100000 dots, 20000 glued
# words, 10000 titled names, 10000 datelines.
# Exit status 1 when a case grows by more than 3x per doubling (at its largest size).
set -uo pipefail
cd "$(dirname "$0")/.."
n="" cases="sentence markdown names dots glued surnames acronyms"
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "linear.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin newskg || exit 2
bin=$CARGO_TARGET_DIR/release/newskg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen() { # gen CASE SIZE FILE
  python3 - "$1" "$2" "$3" <<'PY'
import sys
case, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
given = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
def surname(i):
    # Distinct invented surnames: syllables from the number.
    syl = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "we", "zo"]
    s, k = "", i
    for _ in range(5):
        s += syl[k % 10]; k //= 10
    return s.capitalize()
if case == "sentence":
    parts = [f"Minister {given[i % 10]} {surname(i)} met Mayor {given[(i + 3) % 10]} {surname(i + 7)} in Paris on {i % 28 + 1} March 2025" for i in range(size)]
    text = "Talks\n" + ", and ".join(parts) + ".\n"
    ext = "txt"
elif case == "markdown":
    unit = "[ <a [b](c <"
    text = "# Talks\n\nMinister Anna Kalo met Mayor Boris Lomi in Hull. " + unit * (size // len(unit)) + "\n"
    ext = "md"
elif case == "names":
    full = ". ".join(f"Minister {given[i % 10]} {surname(i)} spoke" for i in range(size))
    short = ". ".join(f"Ms {surname(i)} agreed" for i in range(size))
    text = "Talks\n" + full + ". " + short + ".\n"
    ext = "txt"
elif case == "glued":
    text = "Talks\nMinister Anna Kalo met " + "Omi>" * size + " in Hull.\n"
    ext = "txt"
elif case == "surnames":
    text = "Talks\nJ. R. Kalo, deputy minister, met " + " ".join(f"Mrs. {surname(i)}... and Gen. {surname(i + 1)}!?" for i in range(size)) + "\n"
    ext = "txt"
elif case == "acronyms":
    text = "OSLO, May 5 (" * size + "AP) - Minister Anna Kalo met Mayor Boris Lomi.\n"
    ext = "txt"
elif case == "dots":
    text = "Talks\nMinister Anna Kalo met Mayor Boris Lomi " + "." * size + " in Hull.\n"
    ext = "txt"
open(f"{path}.{ext}", "w").write(text)
print(f"{path}.{ext}")
PY
}

status=0
printf '%-9s %10s %10s %9s\n' case size bytes seconds
for c in $cases; do
  case $c in
    sentence) base=${n:-2000} ;;
    markdown) base=${n:-100000} ;;
    names) base=${n:-25000} ;;
    dots) base=${n:-100000} ;;
    glued) base=${n:-20000} ;;
    surnames) base=${n:-10000} ;;
    acronyms) base=${n:-10000} ;;
    *) echo "linear.sh: unknown case $c" >&2; exit 2 ;;
  esac
  prev="" ratio=""
  for k in 1 2 4; do
    size=$((base * k))
    f=$(gen "$c" "$size" "$work/$c-$size")
    bytes=$(wc -c < "$f")
    t0=$(date +%s.%N)
    "$bin" extract --format nquads "$f" > /dev/null 2>&1
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    if [ -n "$prev" ]; then
      ratio=$(awk -v a="$prev" -v b="$secs" 'BEGIN { printf "%.1f", (a > 0.05 ? b / a : 2) }')
    fi
    printf '%-9s %10d %10d %9s%s\n' "$c" "$size" "$bytes" "$secs" "${ratio:+  x$ratio per doubling}"
    prev=$secs
  done
  if [ -n "$ratio" ] && awk -v r="$ratio" 'BEGIN { exit !(r > 3) }'; then
    echo "linear.sh: $c grows x$ratio per doubling: not linear" >&2
    status=1
  fi
done
exit $status
