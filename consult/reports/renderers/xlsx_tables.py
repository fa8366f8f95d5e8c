"""The report workbook's list sheets: Campaigns, Organisations, the e-Gov results table and the
Methodology annex. Call inside ``translation.override``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from .annex_views import campaign_statuses, methodology_view
from .cells import iso_text
from .labels import STANCE_KEYS, stance_labels
from .xlsx_writer import Sheet


def write_campaigns(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """One row per campaign: size, dates, stance counts and the redacted canonical text."""
    formats = sheet.formats
    labels = stance_labels()
    statuses = campaign_statuses()
    sheet.widths([10, 10, 30, 30, 24, 10, 22, 22, 9, 9, 9, 9, 12, 40, 40, 80])
    sheet.header(
        [
            _("Campaign"),
            _("Declared"),
            _("Status"),
            _("Title"),
            _("Organisation"),
            _("Number of supporters"),
            _("First response"),
            _("Last response"),
            *(labels[key] for key in STANCE_KEYS),
            _("Template's position"),
            _("Template's themes"),
            _("Themes of supporters' own words"),
            _("Text (redacted)"),
        ]
    )
    for campaign in content.get("campaigns") or []:
        stance = campaign.get("stance") or {}
        sheet.line(
            [
                iso_text(campaign.get("id")),
                _("Yes") if campaign.get("declared") else _("No"),
                statuses.get(str(campaign.get("status") or ""), ""),
                campaign.get("title") or "",
                campaign.get("organisation") or "",
                campaign.get("size"),
                iso_text(campaign.get("first_at")),
                iso_text(campaign.get("last_at")),
                *(int(stance.get(key) or 0) for key in STANCE_KEYS),
                labels.get(str(campaign.get("template_stance") or ""), ""),
                "; ".join(t.get("label") or "" for t in campaign.get("themes") or []),
                "; ".join(
                    f"{t.get('label') or ''} ({t.get('count') or 0})"
                    for t in campaign.get("addition_themes") or []
                ),
                campaign.get("canonical_text") or "",
            ],
            [formats.plain] * 5
            + [formats.count, formats.plain, formats.plain]
            + [formats.count] * 4
            + [formats.plain, formats.text, formats.text, formats.text],
        )


def write_organisations(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """Organisations' responses by name, whether each was verified, and the themes of the
    documents it attached."""
    sheet.widths([34, 12, 16, 90, 50])
    sheet.header(
        [
            _("Organisation"),
            _("Verified"),
            _("Reference"),
            _("Summary (redacted)"),
            _("Themes of attached documents"),
        ]
    )
    for organisation in content.get("organisations") or []:
        sheet.line(
            [
                organisation.get("name") or "",
                _("Yes") if organisation.get("verified") else _("No"),
                organisation.get("reference") or "",
                organisation.get("summary") or "",
                "; ".join(organisation.get("document_themes") or []),
            ]
        )


def write_egov(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """The e-Gov style results table: No. | clause | summary of opinions | count | view."""
    formats = sheet.formats
    sheet.widths([6, 14, 60, 10, 60])
    sheet.header(
        [_("No."), _("Clause"), _("Summary of opinions"), _("Count"), _("The government's view")]
    )
    for row in content.get("egov_table") or []:
        sheet.line(
            [
                row.get("no"),
                row.get("section") or "",
                row.get("summary") or "",
                row.get("count"),
                row.get("government_view") or "",
            ],
            [formats.plain, formats.text, formats.text, formats.count, formats.text],
        )


def write_methodology(sheet: Sheet, content: Mapping[str, Any]) -> None:
    """What the engine did, with which parameters, on which input, with which code."""
    formats = sheet.formats
    view = methodology_view(content.get("methodology") or {})
    run = content.get("run") or {}
    sheet.widths([34, 90])
    sheet.title(_("Methodology"))
    sheet.line([_("What was done")], [formats.label])
    for number, step in enumerate(view["steps"], start=1):
        sheet.line([number, step], [formats.plain, formats.text])
    checks = (content.get("methodology") or {}).get("theme_checks") or []
    if checks:
        sheet.skip()
        sheet.line([_("Themes checked by officials")], [formats.label])
        sheet.header(view["theme_checks_header"])
        for check, row in zip(checks, view["theme_checks"], strict=True):
            sheet.line(
                [
                    row["label"],
                    check.get("checked"),
                    check.get("precision"),
                    check.get("recall"),
                    check.get("f1"),
                    row["interval"],
                    check.get("exact"),
                ],
                [
                    formats.text,
                    formats.count,
                    *[formats.decimal] * 3,
                    formats.plain,
                    formats.percent,
                ],
            )
    sheet.skip()
    for label, value in (
        (_("Input hash (SHA-256)"), view["input_hash"]),
        (_("Code version"), view["code_version"]),
        (_("Random seed"), run.get("seed")),
        (_("Generated"), iso_text((content.get("methodology") or {}).get("generated_at"))),
    ):
        sheet.line([label, value], [formats.label, formats.plain])
    for title, pairs in (
        (_("Parameters"), view["parameters"]),
        (_("Engine figures"), view["engine_stats"]),
    ):
        if pairs:
            sheet.skip()
            sheet.line([title], [formats.label])
            for name, value in pairs:
                sheet.line([name, value], [formats.plain, formats.text])
