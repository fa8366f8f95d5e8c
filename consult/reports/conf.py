"""The reports app's settings, each with a default (override in the Django settings).

- ``REPORT_MIN_CELL`` (5): the smallest count shown in a breakdown by respondent attributes;
  smaller cells are suppressed.
- ``REPORT_TASK_TIME_LIMIT`` (1800 s): hard limit of one run attempt; kept below the broker's
  visibility timeout (``CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]``) so a running
  task is never handed to a second worker.
- ``REPORT_MAX_ATTEMPTS`` (3): how many times a worker may take a run (worker lost, retries).
- ``REPORT_QUEUED_MAX_AGE`` (86400 s): a run still queued after this is failed by the reaper.
- ``REPORT_REDACTION_PROCESSES`` (CPUs − 1, 1 to 4): helper processes redacting the coded
  responses' texts during the analysis (0: in the run's own process).
- ``REPORT_KEEP_SNAPSHOTS`` (False): keep a finished run's snapshot file (every comment as
  submitted) instead of deleting it; erasure requests cannot reach kept snapshots.
- ``REPORT_CAMPAIGN_MIN_SIZE`` (10): near-identical comments in a group this large count as a
  campaign in the report (a declared template always does).
"""

import os
import shutil
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from django.conf import settings

_VISIBILITY_MARGIN = 300


def min_cell() -> int:
    """Counts below this are suppressed in respondent-attribute breakdowns."""
    return max(1, int(getattr(settings, "REPORT_MIN_CELL", 5)))


def campaign_min_size() -> int:
    return max(2, int(getattr(settings, "REPORT_CAMPAIGN_MIN_SIZE", 10)))


def redaction_processes() -> int:
    default = max(1, min(4, (os.cpu_count() or 2) - 1))
    return max(0, int(getattr(settings, "REPORT_REDACTION_PROCESSES", default)))


def analysis_processes() -> int:
    """Processes that analyse a run's sections at the same time (`analyse_snapshot`): the run's
    own and forked children. Default: the cores, at most 4."""
    default = max(1, min(4, os.cpu_count() or 1))
    return max(1, int(getattr(settings, "REPORT_ANALYSIS_PROCESSES", default)))


def pdf_organisation_summaries() -> int:
    """Up to this many organisations, the PDF quotes each one's summary; above, it lists them by
    name and reference, and the summaries stay in the HTML, XLSX and JSON files (thousands of
    summaries would make the PDF hundreds of pages long and minutes slower)."""
    return max(0, int(getattr(settings, "REPORT_PDF_ORGANISATION_SUMMARIES", 200)))


def keep_snapshots() -> bool:
    return bool(getattr(settings, "REPORT_KEEP_SNAPSHOTS", False))


def max_attempts() -> int:
    return max(1, int(getattr(settings, "REPORT_MAX_ATTEMPTS", 3)))


def queued_max_age() -> int:
    return int(getattr(settings, "REPORT_QUEUED_MAX_AGE", 24 * 3600))


def time_limit() -> int:
    """Hard time limit (seconds) of one attempt, below the broker's visibility timeout."""
    limit = int(getattr(settings, "REPORT_TASK_TIME_LIMIT", 1800))
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    visibility = options.get("visibility_timeout")
    if visibility:
        limit = min(limit, int(visibility) - _VISIBILITY_MARGIN)
    return max(60, limit)


def soft_time_limit() -> int:
    """The soft limit: the run is marked failed cleanly before the hard limit kills it."""
    limit = time_limit()
    return max(30, limit - max(30, limit // 20))


@lru_cache(maxsize=1)
def code_version() -> str:
    """The installed package version, plus the git commit when one is known.

    The commit comes from ``CONSULT_GIT_COMMIT`` (set when an image is built) or, in a checkout,
    from git itself.
    """
    try:
        version = metadata.version("consult")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    commit = os.environ.get("CONSULT_GIT_COMMIT", "").strip()
    root = Path(settings.BASE_DIR)
    git = shutil.which("git")
    if not commit and git and (root / ".git").exists():
        try:
            commit = subprocess.run(  # noqa: S603 - fixed arguments, no input
                [git, "rev-parse", "--short=12", "HEAD"],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            commit = ""
    return f"{version}+g{commit}" if commit else version
