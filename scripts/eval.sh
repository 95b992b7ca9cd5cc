#!/usr/bin/env bash
# Reproduces every accuracy figure quoted in the notes and README, on the
# visible gold sets in ../shared/gold, with the graders in ../shared/tools.
# Usage: scripts/eval.sh [OUT_DIR]   (needs ../shared; builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${1:-target/eval}
[ -d "$SHARED/gold" ] || { echo "eval: $SHARED/gold is absent; nothing to measure" >&2; exit 0; }
mkdir -p "$OUT"
cargo build --release -q -p demarche
BIN=$PWD/target/release/demarche
TOOLS=$SHARED/tools
GOLD=$SHARED/gold

section() { printf '\n== %s\n' "$1"; }

section "seeds (score.py)"
(cd "$SHARED" && "$BIN" extract seeds/*.txt) > "$OUT/seeds.jsonl"
python3 "$TOOLS/score.py" "$GOLD/seeds.gold.jsonl" "$OUT/seeds.jsonl" | tail -n 1

for set in polnear_dev ggt_dev; do
  section "quotes: $set (score_ext.py quotes)"
  python3 "$TOOLS/score_ext.py" input quotes "$GOLD/quotes/$set.jsonl" "$OUT/$set.in.jsonl"
  "$BIN" extract "$OUT/$set.in.jsonl" > "$OUT/$set.out.jsonl"
  python3 "$TOOLS/score_ext.py" quotes "$GOLD/quotes/$set.jsonl" "$OUT/$set.out.jsonl" | tail -n 1
done

section "events: Zero-Shot-PLOVER train (score_ext.py zsp)"
python3 "$TOOLS/score_ext.py" input zsp "$GOLD/events/zsp_plv_train.jsonl" "$OUT/zsp.in.jsonl"
"$BIN" extract "$OUT/zsp.in.jsonl" > "$OUT/zsp.out.jsonl"
python3 "$TOOLS/score_ext.py" zsp "$GOLD/events/zsp_plv_train.jsonl" "$OUT/zsp.out.jsonl" | tail -n 1

section "events: PLOVER gold standard records, CAMEO manual examples (eval_events)"
cargo run --release -q -p demarche-events --example eval_events -- "$GOLD/events/plover_gsr_cameo.jsonl" "$OUT/gsr.jsonl" | tail -n 3
cargo run --release -q -p demarche-events --example eval_events -- "$GOLD/events/cameo_manual_examples.jsonl" "$OUT/manual.jsonl" | tail -n 3

for set in tbaq-timebank tbaq-aquaint; do
  section "dates: $set (score_ext.py timex)"
  python3 "$TOOLS/score_ext.py" input timex "$GOLD/dates/$set.jsonl" "$OUT/$set.in.jsonl"
  "$BIN" extract "$OUT/$set.in.jsonl" > "$OUT/$set.out.jsonl"
  python3 "$TOOLS/score_ext.py" timex "$GOLD/dates/$set.jsonl" "$OUT/$set.out.jsonl" | tail -n 1
done

section "syntax: UD English EWT dev, gold tokens (score_conllu.py)"
"$BIN" parse --conllu "$GOLD/syntax/en_ewt-ud-dev.conllu" > "$OUT/ewt-dev.pred.conllu"
python3 "$TOOLS/score_conllu.py" "$GOLD/syntax/en_ewt-ud-dev.conllu" "$OUT/ewt-dev.pred.conllu" | tail -n 3

section "actors: NGEC actor resolution, CoNLL dev NER"
cargo run --release -q -p demarche-actors --example eval_ngec | tail -n 2
cargo run --release -q -p demarche-actors --example eval_conll | tail -n 2

if [ -d "$GOLD/extraction/trafilatura-en" ] && cargo run --release -q -p demarche-web --example eval_extraction -- --help >/dev/null 2>&1; then
  section "web: trafilatura-en snippets (aeb_score.py)"
  cargo run --release -q -p demarche-web --example eval_extraction -- "$GOLD/extraction/trafilatura-en" "$OUT/extraction" | tail -n 3
fi
