#!/usr/bin/env python3
"""Makes a bigger benchmark input by repeating a JSON Lines corpus.

usage: scripts/repeat_input.py IN.jsonl OUT.jsonl TIMES

Each copy's records get distinct ids ("<id>#<copy>"), so every output record
has its own origin; the texts repeat. Used to show that `demarche extract`
keeps a flat memory profile as the input grows (see BENCHMARKS.md).
"""
import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip())
    src, dst, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(dst, "w", encoding="utf-8") as out:
        for copy in range(times):
            for n, rec in enumerate(records):
                rec = dict(rec)
                rec["id"] = f"{rec.get('id', n)}#{copy}"
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
