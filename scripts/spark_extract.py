#!/usr/bin/env python3
"""Extraction on Apache Spark: each partition of a JSON Lines corpus is piped through
`newskg extract --format nquads --input-format jsonl -` (PySpark's RDD.pipe), and the N-Quads
are saved as text parts (part-00000, ...), ready for `newskg link --store DIR PARTS...`.

    python3 scripts/spark_extract.py --master 'local[2]' --partitions 8 \
        --bin target/release/newskg corpus.jsonl out-dir

On a cluster, give --master (or run it with spark-submit) and make `newskg` present at the
same path on every worker (or ship it with --files and use a relative --bin). Extraction is
stateless, so which worker sees an article does not change its quads; linking people across
documents runs afterwards, once, in `newskg link`.
"""

import argparse
import os
import shlex
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="JSON Lines corpus (one article per line; a local path or any Hadoop URI)")
    ap.add_argument("out", help="output folder for the N-Quads parts (must not exist)")
    ap.add_argument("--bin", required=True, help="path of the newskg binary on the workers")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--partitions", type=int, default=8, help="minimum number of partitions")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext

    conf = (
        SparkConf()
        .setMaster(a.master)
        .setAppName("newskg-extract")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    started = time.monotonic()
    try:
        lines = sc.textFile(a.corpus, minPartitions=a.partitions)
        newskg = shlex.quote(os.path.abspath(a.bin))
        # newskg exits 1 when it skipped bad articles (named on the worker's stderr) and
        # extracted the rest: that partition is fine. Exit 2 (a fatal error) fails the task,
        # and Spark retries or stops the job.
        cmd = "sh -c " + shlex.quote(f"{newskg} extract --format nquads --input-format jsonl -; test $? -le 1")
        quads = lines.pipe(cmd, checkCode=True)
        quads.saveAsTextFile(a.out)
        parts = lines.getNumPartitions()
    finally:
        sc.stop()
    print(f"spark_extract: {parts} partitions to {a.out} in {time.monotonic() - started:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
