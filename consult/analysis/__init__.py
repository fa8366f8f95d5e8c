"""Text-analysis engine: a plain Python library with no Django imports.

Layers: ``text`` (normalise, detect language, tokenise), ``dedup`` (exact and near-duplicates,
campaign templates), ``pii`` (personal-data detection and redaction), and on top of them themes,
stance, quotes and the pipeline. Plain data in (sequences of ``str``, numpy arrays), frozen
dataclasses out; deterministic for a given seed, offline and CPU-only.
"""
