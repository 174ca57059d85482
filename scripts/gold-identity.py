#!/usr/bin/env python3
"""One real person, one IRI: builds every article of ../shared/corpus and the seed into one
store and checks, from the gold files, that no two distinct gold people share an IRI and no
gold person has two.

A gold person is known by the full names (two words or more) its gold entries give; names are
compared as the evaluator compares them (case, accents and punctuation folded). Surnames alone
are left out: "Kim" names several people. Run by .ci/run; exit status 1 when a check fails.

usage: scripts/gold-identity.py [--bin PATH] [--shared DIR]
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "newskg"))
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
args = ap.parse_args()
shared = os.path.abspath(args.shared)
sys.path.insert(0, os.path.join(shared, "eval"))
from score import norm  # noqa: E402  (the evaluator's name comparison)

gold_files = sorted(glob.glob(f"{shared}/corpus/**/*.gold.json", recursive=True) + glob.glob(f"{shared}/seed/*.gold.json"))
texts = sorted(glob.glob(f"{shared}/corpus/**/*.txt", recursive=True) + glob.glob(f"{shared}/seed/*.txt"))

# Gold people: ids merged across files, and ids whose canonical names agree merged too.
people = {}  # id -> {"name", "full": set of normalised full names}
dates = {}
for path in gold_files:
    g = json.load(open(path))
    doc = os.path.join(os.path.dirname(path), g["document"])
    if g.get("published"):
        dates[os.path.abspath(doc)] = g["published"]
    for e in g["entities"]:
        if "Person" not in e["types"] or e.get("forbidden"):
            continue
        p = people.setdefault(e["id"], {"name": e["name"], "full": set()})
        for n in [e["name"], *e.get("aliases", [])]:
            n = norm(n)
            if len(n.split()) >= 2:
                p["full"].add(n)
canon = {}
for gid, p in sorted(people.items()):
    canon.setdefault(norm(p["name"]), []).append(gid)
groups = {}  # group key -> set of full names, display name
for key, ids in canon.items():
    groups[key] = {"name": people[ids[0]]["name"], "ids": ids, "full": set().union(*(people[i]["full"] for i in ids))}


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"gold-identity: {' '.join(cmd[:4])} ...: exit {p.returncode}\n{p.stderr[-2000:]}")
    return p.stdout


with tempfile.TemporaryDirectory() as tmp:
    store = os.path.join(tmp, "store")
    undated = [t for t in texts if os.path.abspath(t) not in dates]
    if undated:
        run([args.bin, "build", "--quiet", "--store", store, *undated])
    for t in texts:
        if os.path.abspath(t) in dates:
            run([args.bin, "build", "--quiet", "--store", store, "--date", dates[os.path.abspath(t)], t])
    q = """PREFIX nkg: <https://w3id.org/newskg#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?l ?kind WHERE { ?e a nkg:Person .
  { ?e rdfs:label ?l BIND("label" AS ?kind) } UNION { ?e skos:altLabel ?l BIND("alt" AS ?kind) } }"""
    rows = json.loads(run([args.bin, "query", "--format", "json", "--store", store, q]))["results"]["bindings"]

labels, names = {}, {}
for r in rows:
    e, n = r["e"]["value"], norm(r["l"]["value"])
    names.setdefault(e, set()).add(n)
    if r["kind"]["value"] == "label":
        labels.setdefault(e, set()).add(n)

problems = []
# No gold person has two IRIs: IRIs whose label is one of the person's full names.
for key, g in sorted(groups.items()):
    iris = sorted(e for e, ls in labels.items() if ls & g["full"])
    if len(iris) > 1:
        problems.append(f"one person, {len(iris)} IRIs: {g['name']!r}: {', '.join(iris)}")
# No two gold people share an IRI: an IRI named by the full names of two gold people.
for e, ns in sorted(names.items()):
    held = sorted(g["name"] for g in groups.values() if ns & g["full"])
    if len(held) > 1:
        problems.append(f"one IRI, {len(held)} people: {e}: {', '.join(map(repr, held))}")

print(f"gold-identity: {len(texts)} articles, {len(groups)} gold people, {len(labels)} person IRIs; {len(problems)} problem(s)")
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
