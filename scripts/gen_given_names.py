#!/usr/bin/env python3
"""Regenerates src/lexicon/data/given_names_census.tsv from the US Census Bureau's 1990
name frequency files (dist.female.first, dist.male.first; public domain, US government work),
as shipped in the PyPI package `names` 0.3.0 (downloaded with pip when missing).

Kept: names not already in given_names.txt, not a closed-class word and not a country, place or
organisation name of the gazetteer ("Virginia", "Dallas" and "Georgia" are left out), not a title
or honorific of roles.tsv or cues.tsv ("Princess", "King"), and not a
common East Asian family name ("Kim", "Lee": they open names family name first). A name
whose lower-case form is also an English word in WordNet (pos.tsv.gz) is marked `word`
("Grace", "Morgan", "Will"): the engine takes it as a given name only before a surname that
is no English word.

Usage: scripts/gen_given_names.py [DIR_WITH_DIST_FILES]
"""
import glob
import gzip
import os
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "src", "lexicon", "data")


def census_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp()
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
         "names==0.3.0", "-d", tmp],
        check=True,
    )
    (archive,) = glob.glob(os.path.join(tmp, "names-0.3.0.tar.gz"))
    with tarfile.open(archive) as t:
        t.extractall(tmp, filter="data")
    return os.path.join(tmp, "names-0.3.0", "names")


# Common Korean, Chinese and Vietnamese family names, which the census also lists as given names
# ("Kim", "Lee"): in news they open an East Asian name ("Kim Jong Un"), so they are left out.
EAST_ASIAN_FAMILY_NAMES = set("""
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Moon
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang
Xie Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding
Ren Shen Yao Chang Chi Hung Sung Chung Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo
Duong Ly Mai Tam Wong Chan Leung Cheung Lau Ng Yip Kwan Fong Kwok Lai Tse Chow Tsang
""".split())


def words_of(path, column=0):
    out = set()
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.add(line.rstrip("\n").split("\t")[column])
    return out


def main():
    src = census_dir()
    wordnet = words_of(os.path.join(DATA, "pos.tsv.gz"))
    closed = words_of(os.path.join(DATA, "closed-class.tsv"))
    hand = words_of(os.path.join(DATA, "given_names.txt"))
    # Titles and honorifics ("Princess", "King", "Lady") are no given names before a name.
    titles = set()
    with open(os.path.join(DATA, "roles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            titles.add(line.split("\t")[0].lower())
    with open(os.path.join(DATA, "cues.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 2 and cols[0] == "honorific":
                titles.add(cols[1].lower())
    gazetteer = set()
    for name in ("countries.tsv", "places.tsv", "organizations.tsv"):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                gazetteer.add(cols[0].lower())
                if len(cols) > 1:
                    gazetteer.update(a.lower() for a in cols[1].split("|"))
    sex = {}
    word = set()
    for fname, s in (("dist.female.first", "F"), ("dist.male.first", "M")):
        with open(os.path.join(src, fname), encoding="ascii") as f:
            for line in f:
                name = line.split()[0].capitalize()
                low = name.lower()
                if (
                    name in hand
                    or low in closed
                    or low in gazetteer
                    or low in titles
                    or name in EAST_ASIAN_FAMILY_NAMES
                ):
                    continue
                if len(name) < 3:
                    continue
                sex.setdefault(name, set()).add(s)
                if low in wordnet:
                    word.add(name)
    out = os.path.join(DATA, "given_names_census.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Given names from the US Census Bureau 1990 name files (public domain), made by\n")
        f.write("# scripts/gen_given_names.py; see README.md. Not edited by hand.\n")
        f.write("# columns: name<TAB>sex<TAB>kind\n")
        f.write("#   sex: F, M or FM (the census lists the name for women, men or both)\n")
        f.write("#   kind: name, or word when the name is also an English word (WordNet)\n")
        for name in sorted(sex):
            kind = "word" if name in word else "name"
            f.write(f"{name}\t{''.join(sorted(sex[name]))}\t{kind}\n")
    print(f"{out}: {len(sex)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
