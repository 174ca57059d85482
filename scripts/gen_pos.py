#!/usr/bin/env python3
"""Generate src/lexicon/data/pos.tsv.gz, the part-of-speech lexicon, from WordNet 3.0.

Needs the WordNet 3.0 database files in /usr/share/wordnet, which Debian ships in the
package `wordnet-base`:

    apt-get install wordnet-base      # or: scripts/gen-pos.sh, which installs it if missing

Files read: index.noun, index.verb, index.adj, index.adv (lemmas and their parts of
speech) and noun.exc, verb.exc, adj.exc, adv.exc (irregular inflections).

Python 3 standard library only. The output is deterministic: lines are sorted and the
gzip header carries no file name and mtime 0, so regenerating from the same WordNet gives
the same bytes.

Usage: scripts/gen_pos.py [--wordnet DIR] [--out FILE]

Output format (also written as `#` comment lines at the top of the file):

    word<TAB>field[<TAB>field...]

one line per word, sorted by word (byte order). A field is either
  * lemma tags: a non-empty string from the letters N V J R (in that order): the word is
    a WordNet lemma of those parts of speech (noun, verb, adjective, adverb); or
  * an irregular inflection `X<flags>:lemma[,lemma...]` from WordNet's exception lists:
    X is N, V, J or R; flags are, for V: d past tense, p past participle, g -ing form,
    s third person singular present, b base/present form (am, are); for N: p plural;
    J and R have no flags (comparatives and superlatives: better -> J:good).
    Each lemma is itself a WordNet lemma of that part of speech.
Only single words of lower-case ASCII letters (with internal hyphens or apostrophes) are
kept; WordNet's multi-word lemmas (with `_`) and entries with digits or dots are dropped.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import sys

WORD = re.compile(r"^[a-z](?:[a-z'-]*[a-z])?$")
POS_FILES = (("N", "noun"), ("V", "verb"), ("J", "adj"), ("R", "adv"))

LICENCE = """\
WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same."""

HEADER = """\
pos.tsv.gz: English part-of-speech lexicon derived from WordNet 3.0 (Princeton University)
by scripts/gen_pos.py; read by src/lexicon/pos.rs. See src/lexicon/data/README.md.
format: word<TAB>field[<TAB>field...], one line per word, sorted by word.
field = lemma tags: letters from N V J R (noun, verb, adjective, adverb): the word is a
  WordNet lemma of those parts of speech;
field = X<flags>:lemma[,lemma...]: irregular inflection of those lemmas (WordNet *.exc),
  X in N V J R; V flags: d past, p past participle, g -ing form, s 3rd person singular,
  b base/present (am, are); N flag: p plural; J and R have none (better -> J:good).
Closed-class words (determiners, prepositions, pronouns, ...) are not here but in
closed-class.tsv. Regular inflections (talks, hosted, sitting) are left to the reader's
morphology rules.
"""

# Forms whose verb tags the rules below would get wrong (or only partly right).
VERB_OVERRIDES = {
    ("am", "be"): "b",
    ("are", "be"): "b",
    ("is", "be"): "s",
    ("was", "be"): "d",
    ("were", "be"): "d",
    ("been", "be"): "p",
    ("has", "have"): "s",
    ("had", "have"): "dp",
    ("got", "get"): "dp",
    # The participle of these is the base form (come, run), so the one irregular form is
    # the past tense only.
    ("came", "come"): "d",
    ("became", "become"): "d",
    ("overcame", "overcome"): "d",
    ("ran", "run"): "d",
    ("outran", "outrun"): "d",
    ("overran", "overrun"): "d",
    ("reran", "rerun"): "d",
}

# Exceptions left out: the archaic past of "fee" would make "feed" a past tense.
DROP = {("feed", "fee")}


def read_index(path: str) -> set[str]:
    """Lemmas of one index.* file (licence lines start with two spaces)."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            lemma = line.split(" ", 1)[0]
            if WORD.match(lemma):
                out.add(lemma)
    return out


def read_exc(path: str) -> list[tuple[str, list[str]]]:
    """(form, lemmas) pairs of one *.exc file, single words only, form != lemma."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not WORD.match(parts[0]):
                continue
            lemmas = [lemma for lemma in parts[1:] if WORD.match(lemma) and lemma != parts[0]]
            if lemmas:
                out.append((parts[0], lemmas))
    return out


def classify_verb_forms(forms: list[str], lemma: str) -> dict[str, str]:
    """Assign flags (d p g s b) to the irregular forms of one verb lemma."""
    flags: dict[str, str] = {}
    pastish = []
    all_forms = set(forms)
    for f in forms:
        if f.endswith("ing") and not lemma.endswith("ing"):
            flags[f] = "g"
        elif f.endswith("s") and not f.endswith("ss") and f != "was":
            flags[f] = "s"
        elif any(f + suf in all_forms for suf in ("d", "ed", "s", "es")):
            # A spelling variant of the lemma: co-ordinate (co-ordinated, co-ordinates).
            flags[f] = "b"
        else:
            pastish.append(f)
    if len(pastish) == 1:
        flags[pastish[0]] = "dp"
    else:
        past, part = set(), set()
        for f in pastish:
            for g in pastish:
                # sang/sung, began/begun, drank/drunk: the u-form is the participle.
                if g != f and len(g) == len(f):
                    diff = [(a, b) for a, b in zip(f, g) if a != b]
                    if diff == [("u", "a")]:
                        part.add(f)
                        past.add(g)
        for f in pastish:
            if f not in past and (f.endswith("n") or f.endswith("ne")):
                part.add(f)  # spoken, taken, gone, born(e), lain
        for f in pastish:
            if not part:
                flags[f] = "dp"  # variants of one form: swapped/swopped, bed/bedded
            else:
                flags[f] = "p" if f in part else "d"
    for f in forms:
        if (f, lemma) in VERB_OVERRIDES:
            flags[f] = VERB_OVERRIDES[(f, lemma)]
    return flags


def generate(wordnet: str) -> bytes:
    lemmas: dict[str, set[str]] = {}
    index: dict[str, set[str]] = {}
    for letter, name in POS_FILES:
        index[letter] = read_index(os.path.join(wordnet, f"index.{name}"))
        for w in index[letter]:
            lemmas.setdefault(w, set()).add(letter)

    # exc[form] = {field_key: set(lemmas)} with field_key like "Vdp", "Np", "J".
    exc: dict[str, dict[str, set[str]]] = {}

    def add(form: str, key: str, lemma: str) -> None:
        exc.setdefault(form, {}).setdefault(key, set()).add(lemma)

    for letter, name in POS_FILES:
        entries = read_exc(os.path.join(wordnet, f"{name}.exc"))
        if letter == "V":
            by_lemma: dict[str, list[str]] = {}
            for form, ls in entries:
                for lemma in ls:
                    if lemma in index["V"] and (form, lemma) not in DROP:
                        by_lemma.setdefault(lemma, []).append(form)
            for lemma, forms in by_lemma.items():
                for form, fl in classify_verb_forms(sorted(set(forms)), lemma).items():
                    add(form, "V" + "".join(c for c in "dpgsb" if c in fl), lemma)
        else:
            flag = "p" if letter == "N" else ""
            for form, ls in entries:
                for lemma in ls:
                    if lemma in index[letter]:
                        add(form, letter + flag, lemma)

    lines = []
    for word in sorted(set(lemmas) | set(exc)):
        fields = []
        if word in lemmas:
            fields.append("".join(c for c in "NVJR" if c in lemmas[word]))
        for key in sorted(exc.get(word, {}), key=lambda k: ("NVJR".index(k[0]), k)):
            fields.append(f"{key}:{','.join(sorted(exc[word][key]))}")
        lines.append(word + "\t" + "\t".join(fields))

    text = io.StringIO()
    for line in (HEADER + "\n" + LICENCE).splitlines():
        text.write(("# " + line).rstrip() + "\n")
    for line in lines:
        text.write(line + "\n")
    raw = text.getvalue().encode("utf-8")

    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet dict directory")
    ap.add_argument(
        "--out",
        default=os.path.join(root, "src", "lexicon", "data", "pos.tsv.gz"),
        help="output file",
    )
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.wordnet, "index.verb")):
        print(
            f"gen_pos.py: no WordNet in {args.wordnet}; run `apt-get install wordnet-base`"
            " (or scripts/gen-pos.sh)",
            file=sys.stderr,
        )
        return 1
    data = generate(args.wordnet)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"gen_pos.py: wrote {args.out} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
