#!/usr/bin/env bash
# Extraction on Apache Spark (local mode), end to end, checked against `newskg build`.
#
#   scripts/spark.sh [--n ARTICLES] [--partitions K] [--master URL] [--keep]
#
# Opt-in: neither scripts/test.sh nor .ci/run calls it, because it needs Java and PySpark
# (~320 MB), which it installs through `NEWSKG_SPARK=1 scripts/bootstrap.sh` when missing.
# The same comparison without Spark (parts extracted by separate processes) runs in every
# test run: tests/it/archive.rs.
#
# Steps, in target/spark/:
#   1. a generated corpus (gen_corpus N) with four articles of our own around it: two at the
#      start name people by surname only ("Ms Brodeur"), two at the end by full name, so the
#      cross-document link can only be made after all partitions are extracted;
#   2. Spark: RDD.pipe of each JSON Lines partition through `newskg extract --format nquads -`
#      (scripts/spark_extract.py), parts saved as text;
#   3. `newskg link --store spark.store parts/part-*`: load and link people across documents;
#   4. `newskg build --store single.store corpus.jsonl` on the same corpus;
#   5. compare: quad counts, who met whom (distinct labelled pairs), and the whole graph as
#      sorted N-Quads without nkg:sourcePath (which names the file each process read).
# Exit status 1 when the graphs differ.
set -euo pipefail
cd "$(dirname "$0")/.."
n=2000 partitions=8 master='local[2]' keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    --master) master=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "spark.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
NEWSKG_SPARK=1 scripts/bootstrap.sh
cargo build --release --quiet --bin newskg --example gen_corpus
bin=$(realpath "$CARGO_TARGET_DIR/release/newskg")
gen=$(realpath "$CARGO_TARGET_DIR/release/examples/gen_corpus")
work=target/spark
rm -rf "$work" && mkdir -p "$work" && cd "$work"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

{
  echo '{"id":"spark-surnames-1","title":"Port talks","date":"2025-04-07","text":"Port talks\nMs Brodeur met Mr Tallinger in Rotterdam on Monday. Mr Tallinger said the port talks went well."}'
  echo '{"id":"spark-surnames-2","title":"Second round","date":"2025-04-09","text":"Second round\nMr Tallinger met Ms Brodeur again in Antwerp on Wednesday."}'
  "$gen" "$n"
  echo '{"id":"spark-fullnames-1","title":"Harbour accord","date":"2025-04-11","text":"Harbour accord\nBelgian Transport Minister Claire Brodeur met Dutch Harbour Commissioner Joost Tallinger in Brussels on Friday."}'
  echo '{"id":"spark-fullnames-2","title":"Accord signed","date":"2025-04-14","text":"Accord signed\nTransport Minister Claire Brodeur hosted Joost Tallinger in Ghent on Monday."}'
} > corpus.jsonl
docs=$(wc -l < corpus.jsonl)
mb=$(du -m corpus.jsonl | cut -f1)

t0=$(now)
python3 ../../scripts/spark_extract.py --master "$master" --partitions "$partitions" --bin "$bin" corpus.jsonl parts
t1=$(now)
"$bin" link --store spark.store parts/part-*
t2=$(now)
"$bin" build --quiet --store single.store corpus.jsonl
t3=$(now)

count='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
met='PREFIX nkg: <https://w3id.org/newskg#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?a ?b WHERE { ?x nkg:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b'
status=0
for s in spark single; do
  "$bin" query --store $s.store --format csv "$count" | tail -n 1 | tr -d '\r' > $s.count
  "$bin" query --store $s.store --format csv "$met" > $s.met.csv
  "$bin" export --store $s.store --format nquads | grep -v 'https://w3id.org/newskg#sourcePath' | LC_ALL=C sort > $s.nq
done
# The surname-only people must have been linked (else the comparison proves little).
linked=$(grep -c '^Claire Brodeur,Joost Tallinger' spark.met.csv || true)
surnames=$("$bin" query --store spark.store --format csv 'SELECT ?l WHERE { ?e a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(?l IN ("Brodeur", "Tallinger")) }' | tail -n +2 | wc -l)

echo
echo "== Spark ($master, $(ls parts/part-* | wc -l) partitions) vs newskg build: $docs articles, $mb MB"
printf '%-44s %s\n' "Spark extract (rdd.pipe), wall" "$(secs "$t0" "$t1") s"
printf '%-44s %s\n' "newskg link (load + link), wall" "$(secs "$t1" "$t2") s"
printf '%-44s %s\n' "Spark path total" "$(secs "$t0" "$t2") s"
printf '%-44s %s\n' "newskg build, wall" "$(secs "$t2" "$t3") s"
printf '%-44s %s\n' "N-Quads lines written by the workers" "$(cat parts/part-* | wc -l)"
printf '%-44s %s / %s\n' "quads in store: Spark / build" "$(cat spark.count)" "$(cat single.count)"
printf '%-44s %s / %s\n' "who met whom (distinct pairs): Spark / build" "$(($(wc -l < spark.met.csv) - 1))" "$(($(wc -l < single.met.csv) - 1))"
if [ "$linked" -ne 1 ] || [ "$surnames" -ne 0 ]; then
  echo "FAIL: Brodeur and Tallinger were not linked to their full names in the Spark store"
  status=1
fi
for what in count met.csv nq; do
  if ! cmp -s spark.$what single.$what; then
    echo "FAIL: spark.$what and single.$what differ (in $work)"
    diff spark.$what single.$what | head -n 10
    status=1
  fi
done
[ $status -eq 0 ] && echo "equal: quad count, who met whom, and the whole graph (sorted N-Quads without nkg:sourcePath)"
cd ../.. && [ $keep -eq 1 ] || [ $status -ne 0 ] || rm -rf "$work"/parts "$work"/*.store "$work"/*.nq
exit $status
