"""Services of the reports app: every write goes through one of these functions."""

from .execute import report_run_execute
from .review import (
    assignment_move,
    theme_add_codebook,
    theme_delete,
    theme_mark_reviewed,
    theme_merge,
    theme_rename,
    theme_set_government_view,
    theme_split,
    unit_check,
)
from .runs import (
    RunStopped,
    report_run_cancel,
    report_run_fail,
    report_run_start,
    report_runs_reap,
)

__all__ = [
    "RunStopped",
    "assignment_move",
    "report_run_cancel",
    "report_run_execute",
    "report_run_fail",
    "report_run_start",
    "report_runs_reap",
    "theme_add_codebook",
    "theme_delete",
    "theme_mark_reviewed",
    "theme_merge",
    "theme_rename",
    "theme_set_government_view",
    "theme_split",
    "unit_check",
]
