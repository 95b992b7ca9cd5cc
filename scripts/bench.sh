#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md: builds the release binary, makes the
# PolNeAR input (and a 25x copy), runs `demarche bench`, and measures
# `demarche extract` wall time and peak RSS with /usr/bin/time.
#
# usage: scripts/bench.sh [WORKDIR]   (default: target/bench-data)
# Needs ../shared (the PolNeAR gold file) and GNU time (`apt-get install time`).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$root/target/bench-data}
gold=$root/../shared/gold/quotes/polnear_train.jsonl
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/demarche
mkdir -p "$work"

if [ ! -f "$gold" ]; then
    echo "bench.sh: $gold is absent; give the benchmark any JSON Lines corpus with 'demarche bench FILE'" >&2
    exit 1
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench.sh: GNU time is missing (apt-get install time)" >&2
    exit 1
fi

(cd "$root" && cargo build --release -p demarche)

input=$work/polnear_train.input.jsonl
big=$work/polnear_x25.input.jsonl
[ -f "$input" ] || python3 "$root/../shared/tools/score_ext.py" input quotes "$gold" "$input"
[ -f "$big" ] || python3 "$root/scripts/repeat_input.py" "$input" "$big" 25

echo "== demarche bench"
"$bin" bench "$input" --threads 1,2

for file in "$input" "$big"; do
    for threads in 1 2; do
        echo "== extract --threads $threads $(basename "$file") ($(stat -c %s "$file") bytes)"
        /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" \
            "$bin" extract --threads "$threads" "$file" > /dev/null
    done
done
