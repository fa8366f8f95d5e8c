"""Headline figures, campaigns and organisations of the content document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from consult.responses.models import Response
from consult.responses.regions import Region

from ..sections import KIND_ORDER, kind_labels
from ..snapshot import DOCUMENTS_SECTION
from ..suppression import suppress_cells
from .campaigns import CampaignsPart

ORGANISATION_SUMMARY_CHARS = 400


class HeadlinePart(CampaignsPart):
    def breakdown(self, values: Sequence[str], order: Sequence[tuple[str, str]]) -> list[Any]:
        counts: dict[str, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        cells = [(key, label, counts[key]) for key, label in order if counts.get(key)]
        known = {key for key, _label in order}
        cells += [
            (key, key or _("Not given"), n) for key, n in sorted(counts.items()) if key not in known
        ]
        return suppress_cells(cells, min_cell=self.min_cell, total=self.s.n)

    def headline(self) -> dict[str, Any]:
        s = self.s
        unique = self.unique_texts()
        labels = kind_labels()
        return {
            "responses": s.n,
            "unique_texts": unique,
            # campaigns, campaign_responses, individual_responses, organisation_responses, email
            **self.campaign_headline(),
            "organisations": sum(k == "organisation" for k in s.kind),
            "individuals": sum(k == "individual" for k in s.kind),
            "by_kind": self.breakdown(s.kind, [(k, labels[k]) for k in KIND_ORDER]),
            "by_region": self.breakdown(
                s.region,
                [(str(v), str(label)) for v, label in Region.choices] + [("", _("Not given"))],
            ),
            "by_language": self.breakdown(
                s.language, [("ja", _("Japanese")), ("en", _("English"))]
            ),
            "by_channel": self.breakdown(
                s.channel, [(str(v), str(label)) for v, label in Response.Channel.choices]
            ),
        }

    def unique_texts(self) -> int:
        """Distinct response texts: responses with the same near-duplicate group in every
        section count once."""
        sections = list(self.results)
        if not sections:
            return 0
        signature = np.full((self.s.n, len(sections)), -1, dtype=np.int64)
        for column, section in enumerate(sections):
            rows = np.asarray(self.s.units[section].rows, dtype=np.int64)
            signature[rows, column] = self.results[section].group_of
        with_text = signature[(signature >= 0).any(axis=1)]
        return int(np.unique(with_text, axis=0).shape[0]) if with_text.size else 0

    def organisations(self) -> list[Any]:
        """Organisations that agreed to be named, with a redacted summary of what they wrote,
        whether they were verified, and the themes of the documents they attached."""
        documents = self.s.units.get(DOCUMENTS_SECTION)
        texts: dict[int, list[str]] = {}
        for section in self.s.sections():
            if section == DOCUMENTS_SECTION:
                continue
            units = self.s.units[section]
            for row, text in zip(units.rows, units.texts, strict=True):
                if self.s.kind[row] == "organisation" and self.s.consent[row] == "named":
                    texts.setdefault(row, []).append(text)
        document_themes: dict[int, list[str]] = {}
        result = self.results.get(DOCUMENTS_SECTION)
        if documents is not None and result is not None:
            infos = self.themes.get(DOCUMENTS_SECTION, ())
            for unit, row in enumerate(documents.rows):
                start, stop = int(result.theme_indptr[unit]), int(result.theme_indptr[unit + 1])
                document_themes[row] = [
                    infos[t].label if t < len(infos) else result.themes[t].label
                    for t in result.theme_index[start:stop].tolist()
                ]
        out = []
        for row, kind in enumerate(self.s.kind):
            if kind != "organisation" or self.s.consent[row] != "named":
                continue
            # Each text redacted whole, then cut: a cut email address might not be recognised.
            body = "\n".join(self.redact(text) for text in texts.get(row, []))
            summary = body[:ORGANISATION_SUMMARY_CHARS]
            entry: dict[str, Any] = {
                "name": self.s.organisation[row],
                "reference": self.s.references[row],
                "summary": summary,
                "verified": self.s.verified[row] if row < len(self.s.verified) else False,
            }
            if row in document_themes:
                entry["document_themes"] = document_themes[row]
            out.append(entry)
        out.sort(key=lambda o: (o["name"], o["reference"]))
        return out
