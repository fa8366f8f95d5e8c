"""Helper process: redact personal data in texts (``python -m consult.reports.redact_texts IN OUT``).

Reads JSON lines (one string each) from IN and writes their redacted forms, in order, as JSON
lines to OUT. Plain Python (no Django): started by `consult.reports.redaction` so redacting a
large consultation's texts runs on other CPU cores while the analysis runs.
"""

from __future__ import annotations

import json
import sys

from consult.analysis.pii import redact


def redact_file(source: str, target: str) -> int:
    """Redact every text of ``source`` into ``target``; return how many."""
    count = 0
    with (
        open(source, encoding="utf-8") as texts,
        open(target, "w", encoding="utf-8") as out,
    ):
        for line in texts:
            out.write(json.dumps(redact(json.loads(line)), ensure_ascii=False) + "\n")
            count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m consult.reports.redact_texts IN OUT")
    redact_file(sys.argv[1], sys.argv[2])
