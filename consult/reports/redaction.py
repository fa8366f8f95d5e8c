"""Redact the texts of the coded responses in helper processes while the run goes on.

Redacting personal data costs about half a millisecond a text (regular expressions, and Sudachi
for Japanese names), which at 100,000 responses is longer than the analysis itself. The distinct
texts are handed to ``REPORT_REDACTION_PROCESSES`` helper processes (plain ``python -m
consult.reports.redact_texts``: a Celery worker process may not fork multiprocessing children)
right after the snapshot, so they work on other cores during the analysis. Should a helper
fail, its texts are redacted in the run's own process: slower, never skipped.

Texts the moderation scan already read with the same detector and found nothing in
(`consult.moderation.selectors.scanned_clean_texts`, most of them) are passed as ``unchanged``
and not redacted again: the detector would find nothing in them either.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Iterable
from pathlib import Path

from consult.analysis.pii import redact

logger = logging.getLogger(__name__)
IN_PROCESS_BELOW = 2000  # fewer distinct texts than this: starting helpers costs more


class Redactions:
    """Redacted forms of ``texts``, computed by helper processes started at construction."""

    def __init__(
        self, texts: Iterable[str], *, processes: int, unchanged: Collection[str] = ()
    ) -> None:
        self.done: dict[str, str] = {text: text for text in unchanged}
        self.texts = list(dict.fromkeys(t for t in texts if t and t not in self.done))
        self.folder: Path | None = None
        self.helpers: list[tuple[subprocess.Popen[bytes], Path, list[str]]] = []
        self.started = time.perf_counter()
        if processes < 1 or len(self.texts) < IN_PROCESS_BELOW:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="consult-redact-"))
        size = -(-len(self.texts) // processes)
        for number, start in enumerate(range(0, len(self.texts), size)):
            shard = self.texts[start : start + size]
            source, target = self.folder / f"in-{number}.jsonl", self.folder / f"out-{number}.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in shard)
            helper = subprocess.Popen(  # noqa: S603 - our interpreter, our module, our files
                [sys.executable, "-m", "consult.reports.redact_texts", str(source), str(target)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
            self.helpers.append((helper, target, shard))

    def results(self) -> dict[str, str]:
        """Text → redacted text, for every text (waits for the helpers)."""
        for helper, target, shard in self.helpers:
            code = helper.wait()
            redacted: list[str] = []
            if code == 0:
                with target.open(encoding="utf-8") as handle:
                    redacted = [json.loads(line) for line in handle]
            if len(redacted) != len(shard):
                logger.warning("redaction helper failed (exit %s); redacting here instead", code)
                redacted = [redact(t) for t in shard]
            self.done.update(zip(shard, redacted, strict=True))
        self.helpers = []
        missing = [t for t in self.texts if t not in self.done]
        self.done.update((t, redact(t)) for t in missing)
        logger.info(
            "redacted %s texts in %.1f s (%s more already scanned clean)",
            len(self.texts),
            time.perf_counter() - self.started,
            len(self.done) - len(self.texts),
        )
        self.close()
        return self.done

    def close(self) -> None:
        """Stop helpers still running and remove their files."""
        for helper, _target, _shard in self.helpers:
            if helper.poll() is None:
                helper.kill()
                helper.wait()
        self.helpers = []
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
