"""A minimal XLSX reader for the tests (zipfile + ElementTree): sheet names and cell values."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Workbook:
    """Sheet names in order, and each sheet's cells as {"A1": value} (text or float)."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        workbook = self.parse("xl/workbook.xml")
        rels = self.parse("xl/_rels/workbook.xml.rels")
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        self.paths = {
            str(sheet.get("name")): "xl/" + str(targets[sheet.get(REL)])
            for sheet in workbook.iterfind("m:sheets/m:sheet", NS)
        }
        self.names = list(self.paths)
        shared = "xl/sharedStrings.xml"
        self.shared = (
            ["".join(si.itertext()) for si in self.parse(shared)]
            if shared in self.zip.namelist()
            else []
        )

    def parse(self, member: str) -> ET.Element:
        return ET.fromstring(self.zip.read(member))  # noqa: S314 - the workbook we just wrote

    def xml(self, name: str) -> str:
        return self.zip.read(self.paths[name]).decode("utf-8")

    def cells(self, name: str) -> dict[str, str | float]:
        root = self.parse(self.paths[name])
        out: dict[str, str | float] = {}
        for cell in root.iterfind(".//m:sheetData/m:row/m:c", NS):
            ref, kind = str(cell.get("r")), cell.get("t")
            if kind == "inlineStr":
                out[ref] = "".join(cell.find("m:is", NS).itertext())  # type: ignore[union-attr]
            elif kind == "s":
                out[ref] = self.shared[int(cell.findtext("m:v", "", NS))]
            elif cell.find("m:v", NS) is not None:
                out[ref] = float(cell.findtext("m:v", "", NS))
        return out

    def column(self, name: str, letter: str) -> list[str | float]:
        cells = self.cells(name)
        keys = sorted(
            (k for k in cells if re.fullmatch(f"{letter}[0-9]+", k)), key=lambda k: int(k[1:])
        )
        return [cells[k] for k in keys]
