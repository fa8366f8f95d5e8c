"""MinHash signatures of character shingles: numpy builds the shingle hashes, rensa sketches."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import rensa

from consult.analysis.dedup.result import IntArray

__all__ = ["agreement", "row_hash", "sketch"]

_VERIFY_CHUNK = 262_144
_CHUNK_CHARS = 1 << 19
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_PRIME = np.uint64(0x100000001B3)


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finaliser, vectorised and in place: spreads hashes over all 64 bits."""
    shifted = np.empty_like(values)
    for shift, multiplier in ((30, _MIX_1), (27, _MIX_2)):
        np.right_shift(values, np.uint64(shift), out=shifted)
        values ^= shifted
        values *= multiplier
    np.right_shift(values, np.uint64(31), out=shifted)
    values ^= shifted
    return values


def _shingle_hashes(texts: list[str], shingle: int) -> tuple[npt.NDArray[np.uint64], IntArray]:
    """Hashes of every character ``shingle``-gram of each text, flat, with row offsets.

    A text shorter than ``shingle`` is one shingle (padded with NULs, which normalised text
    never contains).
    """
    padded = [text if len(text) >= shingle else text.ljust(shingle, "\0") for text in texts]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    joined = "".join(padded).encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(joined, dtype=np.uint32)
    span = len(codes) - shingle + 1
    hashes = np.full(span, np.uint64(0xCBF29CE484222325))
    for offset in range(shingle):
        np.bitwise_xor(hashes, codes[offset : offset + span], out=hashes, casting="unsafe")
        hashes *= _PRIME
    # Shingles starting in the last (shingle - 1) characters of a text run into the next one.
    ends = np.cumsum(lengths)
    valid = np.ones(span, dtype=bool)
    crossing = (ends[:, None] - np.arange(1, shingle, dtype=np.int64)[None, :]).ravel()
    valid[crossing[crossing < span]] = False
    counts = lengths - shingle + 1
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return _mix(hashes[valid]), offsets


def sketch(texts: list[str], *, num_perm: int, shingle: int, seed: int) -> np.ndarray:
    """MinHash signatures (uint32, one row per text) of the texts' shingle sets.

    Texts are sketched in pieces of about ``_CHUNK_CHARS`` characters: the shingle arrays of a
    piece stay a few megabytes, which the allocator reuses, instead of fresh pages for
    hundreds of megabytes that the kernel must fault in one by one.
    """
    rows = np.empty((len(texts), num_perm), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(np.maximum(lengths, shingle))
    start = 0
    while start < len(texts):
        budget = (ends[start - 1] if start else 0) + _CHUNK_CHARS
        stop = max(int(np.searchsorted(ends, budget, side="right")), start + 1)
        hashes, offsets = _shingle_hashes(texts[start:stop], shingle)
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            hashes, offsets.astype(np.uint64), num_perm, seed
        )
        rows[start:stop] = matrix.to_rows()
        start = stop
    return rows


def row_hash(columns: np.ndarray, seed: int) -> npt.NDArray[np.uint64]:
    """A 64-bit hash of each row of ``columns`` (polynomial, then one finaliser)."""
    hashes = np.full(len(columns), np.uint64(seed) ^ np.uint64(0x9E3779B97F4A7C15))
    for column in columns.T:
        hashes *= _PRIME
        np.bitwise_xor(hashes, column, out=hashes, casting="unsafe")
    return _mix(hashes)


def agreement(signatures: np.ndarray, first: IntArray, second: IntArray) -> IntArray:
    """Number of equal hash values between rows ``first[i]`` and ``second[i]``, chunked."""
    out = np.empty(len(first), dtype=np.int64)
    for start in range(0, len(first), _VERIFY_CHUNK):
        part = slice(start, start + _VERIFY_CHUNK)
        equal = signatures[first[part]] == signatures[second[part]]
        out[part] = np.count_nonzero(equal, axis=1)
    return out
