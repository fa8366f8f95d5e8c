"""The snapshot's file (gzipped JSON lines in default storage) and its input hash."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tempfile
from collections.abc import Callable
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction

from consult.consultations.models import Consultation

from .model import Snapshot, canonical, new_snapshot
from .read import rows_from_db, snapshot_header


class _Hasher:
    """SHA-256 of ``{"header": h, "responses": [rows]}`` in canonical JSON, fed row by row."""

    def __init__(self, header: dict[str, Any]) -> None:
        self._sha = hashlib.sha256(('{"header":' + canonical(header) + ',"responses":[').encode())
        self._first = True

    def row(self, line: str) -> None:
        self._sha.update(line.encode() if self._first else ("," + line).encode())
        self._first = False

    def hexdigest(self) -> str:
        done = self._sha.copy()
        done.update(b"]}")
        return done.hexdigest()


def snapshot_take(
    *,
    consultation: Consultation,
    storage_name: str,
    review: Callable[[Consultation], dict[str, Any]] | None = None,
) -> tuple[Snapshot, str]:
    """Read the consultation's submitted responses once (a consistent read), write them to
    ``storage_name`` in default storage and return the snapshot and the name actually saved.

    ``review``, if given, is read in the same transaction and kept as ``header["review"]``
    (officials' codebook and corrections), so the input hash covers it.
    """
    with tempfile.TemporaryFile() as raw:
        outermost = not connection.in_atomic_block  # else the isolation level is already set
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            header = snapshot_header(consultation)
            if review is not None:
                header["review"] = review(consultation)
            snapshot = new_snapshot(header)
            hasher = _Hasher(header)
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=3, mtime=0) as gz:
                writer = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
                writer.write(canonical(header) + "\n")
                for row in rows_from_db(consultation):
                    line = canonical(row)
                    hasher.row(line)
                    writer.write(line + "\n")
                    snapshot.add(row)
                writer.flush()
                writer.detach()
        snapshot.input_hash = hasher.hexdigest()
        raw.seek(0)
        saved = default_storage.save(storage_name, File(raw, name=storage_name))
    return snapshot, saved


def snapshot_load(*, storage_name: str) -> Snapshot:
    """Read a snapshot written by `snapshot_take` (its hash is recomputed, not trusted)."""
    with default_storage.open(storage_name, "rb") as stored:
        return snapshot_read(stored)


def snapshot_read(stored: IO[bytes]) -> Snapshot:
    """A snapshot from a file object of gzipped JSON lines."""
    with gzip.GzipFile(fileobj=stored, mode="rb") as gz:
        lines = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        header = json.loads(lines.readline())
        snapshot = new_snapshot(header)
        hasher = _Hasher(header)
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                continue
            hasher.row(line)
            snapshot.add(json.loads(line))
    snapshot.input_hash = hasher.hexdigest()
    return snapshot
