#!/usr/bin/env python3
"""Builds data/lexicon/wordnet.tsv from the WordNet 3.0 database files.

Usage: scripts/wordnet-lexicon.py WORDNET_DIR > data/lexicon/wordnet.tsv

WORDNET_DIR holds data.noun, data.verb, data.adj, data.adv and the *.exc
exception lists (Debian's wordnet-base package puts them in
/usr/share/wordnet; `apt-get download wordnet-base && dpkg-deb -x ...`
gets them without installing). Only one-word entries are kept: the tagger
looks words up one token at a time.

Each output line is `form<TAB>classes`, forms lower-cased and sorted:
  n  a common noun (written in lower case in some synset)
  p  a proper noun (written with a capital in some noun synset)
  v  a verb          a  an adjective        r  an adverb
  N  an irregular plural of a noun       (noun.exc)
  V  an irregular form of a verb         (verb.exc)
  A  an irregular comparative/superlative (adj.exc)
"""
import os
import re
import sys

WORD = re.compile(r"^[a-z][a-z'.-]*$")


def synset_words(path):
    """(word as written, synset type) of every synset line."""
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            fields = line.split(" ")
            ss_type = fields[2]
            count = int(fields[3], 16)
            for k in range(count):
                word = fields[4 + 2 * k]
                # Adjective markers such as "(a)" or "(p)".
                word = re.sub(r"\([a-z]+\)$", "", word)
                yield word, ss_type


def main():
    root = sys.argv[1]
    classes = {}

    def add(form, letter):
        if "_" in form or not WORD.match(form):
            return
        classes.setdefault(form, set()).add(letter)

    for name, pos in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        for word, _ in synset_words(os.path.join(root, "data." + name)):
            lower = word.lower()
            if pos == "n" and word != lower:
                add(lower, "p")
            else:
                add(lower, pos)
    for name, letter in (("noun", "N"), ("verb", "V"), ("adj", "A")):
        with open(os.path.join(root, name + ".exc"), encoding="latin-1") as f:
            for line in f:
                form = line.split(" ")[0]
                add(form, letter)
    order = "npvarNVA"
    out = sys.stdout
    out.write("# WordNet 3.0 word classes: see data/lexicon/README.md\n")
    for form in sorted(classes):
        letters = "".join(c for c in order if c in classes[form])
        out.write(f"{form}\t{letters}\n")


if __name__ == "__main__":
    main()
