"""Reading an office's register for `ocop import portfolio` (issue 20): the template
(docs/operators/import.md), .xlsx or .csv, with Vietnamese headers and dd/mm/yyyy dates;
other layouts through a mapping file.

`read(path, mapping)` returns the rows in canonical form (`Row`: one producer, product and
recognition each), every row that cannot be read listed with its line and field
(`Problem`), and the file's SHA-256. The checks here are those of the form of each value
(`runtime.identifiers`: business-registration numbers, unit codes, decision numbers;
dates; numbers; duplicate rows within the file); what needs the registered data (units
known, rule sets, what is already registered) is checked by the services on a dry run."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cli import portfolio_cells as cell
from runtime.errors import CommandRejected
from runtime.identifiers import business_registration_no, decision_number, unit_code
from runtime.text import fold, nfc

# Template header -> field. The order is the template's column order.
TEMPLATE: dict[str, str] = {
    "STT": "number",
    "Tên chủ thể": "producer_name",
    "Loại hình chủ thể": "producer_kind",
    "Số ĐKKD": "business_registration_no",
    "Người đại diện": "legal_representative",
    "Địa chỉ": "address",
    "Mã xã": "commune_code",
    "Mã xã cũ": "legacy_commune_code",
    "Tên sản phẩm": "product_name",
    "Bộ sản phẩm": "product_set",
    "Mã sản phẩm": "product_code",
    "Hạng sao": "star",
    "Điểm": "score",
    "Số quyết định": "decision_no",
    "Ngày quyết định": "decided_on",
    "Cơ quan công nhận": "authority",
    "Số giấy chứng nhận": "certificate_no",
    "Hiệu lực đến": "valid_to",
    "Ghi chú": "note",
}
REQUIRED = (
    "producer_name",
    "producer_kind",
    "product_name",
    "product_set",
    "star",
    "decision_no",
    "decided_on",
)


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str


@dataclass
class Row:
    """One row in canonical form; `line` is its line in the file (the header is line 1)."""

    line: int
    values: dict[str, Any]


@dataclass
class Portfolio:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""
    name: str = ""


@dataclass(frozen=True)
class Mapping:
    """How another layout maps to the template (a YAML file, docs/operators/import.md):
    `columns` field -> the file's header, `values` field -> {the file's value -> the
    template's}, `defaults` field -> value where the file has none, `date_format`."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    date_format: str = cell.DATE_FORMAT

    @classmethod
    def load(cls, path: Path) -> Mapping:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        fields = set(TEMPLATE.values())
        unknown = [
            name
            for part in ("columns", "values", "defaults")
            for name in document.get(part) or {}
            if name not in fields
        ]
        if unknown:
            raise ValueError(f"{path}: unknown template fields {', '.join(sorted(unknown))}")
        return cls(
            columns={k: str(v) for k, v in (document.get("columns") or {}).items()},
            values={
                k: {fold(str(a)): str(b) for a, b in v.items()}
                for k, v in (document.get("values") or {}).items()
            },
            defaults={k: str(v) for k, v in (document.get("defaults") or {}).items()},
            date_format=str(document.get("date_format") or cell.DATE_FORMAT),
        )


def read(path: Path, mapping: Mapping | None = None, lang: str = "vi") -> Portfolio:
    """The file's rows in canonical form and every problem found, with its SHA-256.
    Raises `ValueError` for a file that is not a table this can read."""
    data = path.read_bytes()
    found = Portfolio(sha256=hashlib.sha256(data).hexdigest(), name=path.name)
    mapping = mapping or Mapping()
    table = _table(path, data)
    header = [nfc(str(h or "")).strip() for h in next(table, [])]
    columns = _columns(header, mapping)
    missing = [name for name in REQUIRED if name not in columns and name not in mapping.defaults]
    if missing:
        raise ValueError(
            ("Thiếu cột: " if lang == "vi" else "Missing columns: ")
            + ", ".join(_header_of(name) for name in missing)
        )
    seen: dict[tuple[str, str], int] = {}
    for line, cells in enumerate(table, start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        raw = {
            name: nfc(cell.text(cells[index] if index < len(cells) else "")).strip()
            for name, index in columns.items()
        }
        for name, value in mapping.defaults.items():
            raw.setdefault(name, "")
            raw[name] = raw[name] or value
        for name, table_values in mapping.values.items():
            if raw.get(name) and fold(raw[name]) in table_values:
                raw[name] = table_values[fold(raw[name])]
        row, problems = _canonical(line, raw, mapping.date_format, lang)
        found.problems.extend(problems)
        if problems:
            continue
        key = (
            row.values["business_registration_no"] or fold(row.values["producer_name"]),
            fold(row.values["product_name"]),
        )
        if key in seen:
            found.problems.append(
                Problem(
                    line,
                    "product_name",
                    f"Trùng sản phẩm ở dòng {seen[key]}."
                    if lang == "vi"
                    else f"Same product as line {seen[key]}.",
                )
            )
            continue
        seen[key] = line
        found.rows.append(row)
    return found


def _header_of(name: str) -> str:
    return next(h for h, f in TEMPLATE.items() if f == name)


def _columns(header: list[str], mapping: Mapping) -> dict[str, int]:
    """Field -> column index: the mapping's headers first, then the template's."""
    folded = {fold(h): i for i, h in enumerate(header) if h}
    columns: dict[str, int] = {}
    for template_header, name in TEMPLATE.items():
        source = mapping.columns.get(name, template_header)
        if fold(source) in folded:
            columns[name] = folded[fold(source)]
    return columns


def _table(path: Path, data: bytes) -> Iterator[list[Any]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return (list(r) for r in sheet.iter_rows(values_only=True))
    if suffix == ".csv":
        text = data.decode("utf-8-sig")
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)  # the header's separator: , ; or tab
        return iter(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    raise ValueError(f"{path.name}: .xlsx or .csv expected")


def _canonical(
    line: int, raw: dict[str, str], date_format: str, lang: str
) -> tuple[Row, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def check(name: str, convert: Any) -> None:
        text = raw.get(name, "")
        try:
            values[name] = convert(name, text) if text else (0 if name in INTS else "")
        except CommandRejected as refused:
            problems.append(Problem(line, name, refused.en if lang == "en" else refused.vi))

    for name in REQUIRED:
        if not raw.get(name):
            header = _header_of(name)
            problems.append(
                Problem(line, name, f"Thiếu {header}." if lang == "vi" else f"{header} is empty.")
            )
    for name in ("producer_name", "legal_representative", "address", "product_name"):
        values[name] = raw.get(name, "")
    for name in ("product_code", "authority", "certificate_no"):
        values[name] = raw.get(name, "")
    check("producer_kind", cell.kind)
    check("business_registration_no", business_registration_no)
    check("commune_code", lambda f, v: unit_code("commune", f, v))
    check("legacy_commune_code", lambda f, v: unit_code("commune", f, v))
    if raw.get("commune_code") == "" and raw.get("legacy_commune_code") == "":
        problems.append(
            Problem(
                line,
                "commune_code",
                "Cần Mã xã hoặc Mã xã cũ." if lang == "vi" else "A commune code is required.",
            )
        )
    check("product_set", lambda f, v: cell.whole_number(f, v, 1, 26))
    check("star", lambda f, v: cell.whole_number(f, v, 1, 5))
    check("score", cell.score)
    check("decision_no", decision_number)
    check("decided_on", lambda f, v: cell.day(f, v, date_format))
    check("valid_to", lambda f, v: cell.day(f, v, date_format))
    return Row(line, values), problems


INTS = ("product_set", "star")
