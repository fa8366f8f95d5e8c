"""Semantic matching: comments and themes compared by meaning, not only by shared words.

One small interface, `Embedder` (texts in, unit vectors out), and one implementation shipped
with the software: WordLlama's 256-dimension static token embeddings (MIT, about 16 MB, inside
the ``wordllama`` package on PyPI; trained from the token-embedding tables of LLaMA 2 70B and
Phi-3). A text's vector is the mean of its tokens' vectors: no neural network runs, only numpy,
so it is fast on a CPU (about 9,000 comments a second, tokenising included) and deterministic. The weights and
tokenizer are read from the installed package's own files; nothing is downloaded. Its vocabulary
is LLaMA 2's, built for English: Japanese text is mostly cut into characters and bytes, so it
matches Japanese less well than English (the lexical scores still carry Japanese).

When the package is missing, `default_embedder` returns None and the analysis is lexical only
(`AnalysisParams.semantic_weight` = 0 does the same on purpose).

Codebook scoring (`codebook_similarity`): each theme's text (label, description, keywords,
examples) is embedded, then, as the lexical scorer does, pseudo-relevance feedback moves each
theme towards the mean of the comments closest to it, so it picks up how this consultation's
respondents put it. `themes.assign` blends the result with the lexical scores; a theme with
officials' corrections leans on its learnt classifier instead, as far as its examples go.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from consult.analysis.text import replace_surrogates
from consult.analysis.themes.codebook import standardise

__all__ = ["Embedder", "WordEmbedder", "codebook_similarity", "default_embedder"]

_MAX_TOKENS = 512  # longer texts are read up to here (a mean of tokens gains little beyond)
_MAX_CHARS = 8_000  # tokenised at most (keeps a 1 MB comment cheap)
_BATCH = 4_096
_CHUNK = 8 * _BATCH  # texts whose float32 vectors are held at once before storing as float16
_STORE_DTYPE = np.float16  # doc vectors kept for feedback: 512 bytes a text


class Embedder(Protocol):
    """Texts in, one unit-length float32 vector per text out (zeros for a text with no tokens)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class WordEmbedder:
    """Mean of static token embeddings (WordLlama), L2-normalised."""

    def __init__(self, vectors: np.ndarray, tokenizer: object, name: str) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.tokenizer = tokenizer
        self.name = name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            # The tokenizer takes only text that encodes as UTF-8: no lone surrogates.
            chunk = [replace_surrogates(t[:_MAX_CHARS]) for t in texts[start : start + _BATCH]]
            encoded = self.tokenizer.encode_batch(chunk, add_special_tokens=False)  # type: ignore[attr-defined]
            # Token counts per text (a sparse texts x vocabulary matrix) times the vectors:
            # the sum of each text's token vectors without gathering them one by one.
            indptr = np.zeros(len(chunk) + 1, dtype=np.int64)
            np.cumsum([len(e.ids) for e in encoded], out=indptr[1:])
            if not indptr[-1]:
                continue
            ids = np.concatenate([np.asarray(e.ids, dtype=np.int64) for e in encoded])
            np.clip(ids, 0, self.vectors.shape[0] - 1, out=ids)
            counts = sp.csr_matrix(
                (np.ones(len(ids), dtype=np.float32), ids, indptr),
                shape=(len(chunk), self.vectors.shape[0]),
            )
            out[start : start + len(chunk)] = counts @ self.vectors
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


@functools.cache
def default_embedder() -> Embedder | None:
    """The embedder shipped with the software, or None when its package is not installed."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        return None
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer
    except ImportError:
        return None
    root = Path(spec.origin).parent
    weights = root / "weights" / "l2_supercat_256.safetensors"
    vocabulary = root / "tokenizers" / "l2_supercat_tokenizer_config.json"
    if not (weights.is_file() and vocabulary.is_file()):
        return None
    tokenizer = Tokenizer.from_file(str(vocabulary))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    with safe_open(str(weights), framework="np", device="cpu") as f:
        vectors = f.get_tensor("embedding.weight")
    return WordEmbedder(vectors, tokenizer, name="wordllama-l2-supercat-256")


def codebook_similarity(
    embedder: Embedder,
    texts: Sequence[str],
    theme_texts: Sequence[str],
    *,
    feedback_docs: int,
    rounds: int = 1,
) -> np.ndarray:
    """Cosine similarity of every text to every theme (texts x themes, float32), each theme's
    vector first moved ``rounds`` times towards the mean of its ``feedback_docs`` closest texts.
    """
    if not len(texts) or not len(theme_texts):
        return np.zeros((len(texts), len(theme_texts)), dtype=np.float32)
    parts = [embedder.embed(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]
    docs = np.vstack(parts).astype(_STORE_DTYPE)
    del parts
    themes = embedder.embed(list(theme_texts))
    depth = min(feedback_docs, len(texts))

    def similarity(queries: np.ndarray) -> np.ndarray:
        result = np.empty((len(texts), queries.shape[0]), dtype=np.float32)
        for i in range(0, len(texts), _CHUNK):
            result[i : i + _CHUNK] = docs[i : i + _CHUNK].astype(np.float32) @ queries.T
        return result

    for _ in range(rounds if depth else 0):
        z = standardise(similarity(themes))
        for j in range(themes.shape[0]):
            top = np.argpartition(-z[:, j], depth - 1)[:depth]
            themes[j] += docs[top].astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(themes, axis=1, keepdims=True)
        np.divide(themes, norms, out=themes, where=norms > 0)
    return similarity(themes)
