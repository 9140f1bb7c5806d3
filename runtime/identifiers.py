"""Identifiers and coded values with one canonical form each, computed here and nowhere
else: the form used for uniqueness, lookup and display. Pure Python (domain code may use
it); each function takes the field's name (for the refusal) and the raw text, and returns
the canonical text or raises `CommandRejected` (`invalid_argument`, the field named).

The edge (`runtime.input_guard`) applies them to every request field of that meaning, so
`617 448 2489`, `６１７４４８２４８９` and `6174482489` are one producer, `023500` and
`23500` one commune, `125/QD-UBND` and `125/QĐ-UBND` one decision."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from runtime.errors import CommandRejected
from runtime.text import excerpt, fold

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

_SEPARATORS = re.compile(r"[\s.\-_/‐‑‒–—―−·,]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _refuse(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", field, vi, en)


# -- business registration numbers ---------------------------------------------------------

BUSINESS_NO_LENGTHS = (10, 13)
"""Enterprise and cooperative codes have 10 digits, a dependent unit's 13 (`0101234567-001`
typed with its dash): Decree 01/2021/NĐ-CP Art. 8, Decree 92/2024/NĐ-CP for cooperatives;
household businesses and farms carry a tax code of the same form."""


def business_registration_no(field: str, raw: str) -> str:
    """The canonical registration number: NFKC (full-width digits folded), spaces, dots,
    dashes, slashes and zero-width characters removed, digits only, 10 or 13 of them."""
    text = unicodedata.normalize("NFKC", raw.translate(_INVISIBLE))
    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        raise _refuse(
            field,
            f"Số đăng ký kinh doanh {excerpt(raw)} chỉ gồm chữ số.",
            f"Business registration number {excerpt(raw)} must be digits only.",
        )
    if len(digits) not in BUSINESS_NO_LENGTHS:
        raise _refuse(
            field,
            f"Số đăng ký kinh doanh {excerpt(raw)} có {len(digits)} chữ số; phải có 10 hoặc 13.",
            f"Business registration number {excerpt(raw)} has {len(digits)} digits; "
            "10 or 13 expected.",
        )
    return digits


# -- administrative unit codes ---------------------------------------------------------------

UNIT_WIDTHS = {"province": 2, "district": 3, "commune": 5}
"""Official code widths (Decision 124/2004/QĐ-TTg; since 01/07/2025 Decision 19/2025/QĐ-TTg):
province 2 digits, district (before 01/07/2025) 3, commune 5, zero-padded."""


def unit_code(level: str, field: str, raw: str) -> str:
    """The official zero-padded code of an administrative unit of `level` (`province`,
    `district`, `commune`): NFKC digits, leading zeros beyond the official width dropped,
    padded to it (`023500` and `23500` -> `23500`; `1` -> `01` for a province)."""
    width = UNIT_WIDTHS[level]
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw.translate(_INVISIBLE)))
    if not digits.isascii() or not digits.isdigit():
        raise _refuse(
            field,
            f"Mã đơn vị hành chính {excerpt(raw)} chỉ gồm chữ số.",
            f"Administrative unit code {excerpt(raw)} must be digits only.",
        )
    value = int(digits)
    if value == 0 or len(str(value)) > width:
        raise _refuse(
            field,
            f"Mã {excerpt(raw)} không phải mã cấp {level} ({width} chữ số).",
            f"{excerpt(raw)} is not a {level} code ({width} digits).",
        )
    return str(value).zfill(width)


# -- decision numbers (Decree 30/2020/NĐ-CP) --------------------------------------------------

_DECISION = re.compile(
    r"(?P<number>\d{1,7})(?:/(?P<year>\d{4}))?/(?P<type>[A-ZĐ][A-ZĐ0-9]{0,9})"
    r"(?P<issuer>(?:-[A-ZĐ0-9]{1,20}){1,4})"
)
_LOOK_ALIKE_D = str.maketrans({"Ð": "Đ", "đ": "Đ", "ð": "Đ", "Ɖ": "Đ", "ɖ": "Đ"})
_TYPES_TYPED_WITHOUT_STROKE = {"QD": "QĐ", "HD": "HĐ", "QYD": "QYĐ", "DA": "ĐA", "GD": "GĐ"}
"""Document-type abbreviations (Decree 30/2020, Appendix III) as typed without the stroke:
`QD` is always a Quyết định, never another type."""
_MIXED_CASE = {"TTG": "TTg", "QYĐ": "QyĐ", "CTR": "CTr", "TTR": "TTr"}
"""Official abbreviations written in mixed case (Thủ tướng Chính phủ: `TTg`; Quy định: `QyĐ`;
Chương trình: `CTr`; Tờ trình, Thanh tra: `TTr`)."""


def _official_case(part: str) -> str:
    return _MIXED_CASE.get(part, part)


def decision_number(field: str, raw: str) -> str:
    """The canonical number-and-symbol of an administrative document (Decree 30/2020/NĐ-CP,
    Appendix I: `number[/year]/TYPE-ISSUER`, e.g. `125/QĐ-UBND`, `26/2026/QĐ-TTg`):
    NFKC, a leading `Số:` dropped, spaces removed, dashes unified, upper case, look-alike
    letters folded (Ð U+00D0, đ -> Đ U+0110; `QD` -> `QĐ`), leading zeros of the number
    dropped. Refuses anything not of that form."""
    text = unicodedata.normalize("NFKC", raw.translate(_INVISIBLE)).strip()
    text = re.sub(r"^(số|so|no\.?)\s*:?\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    text = text.translate(_LOOK_ALIKE_D).upper()
    found = _DECISION.fullmatch(text)
    if found is None:
        raise _refuse(
            field,
            f"Số, ký hiệu văn bản {excerpt(raw)} không đúng dạng Số/KÝHIỆU-CƠQUAN "
            "(Nghị định 30/2020/NĐ-CP), ví dụ 125/QĐ-UBND.",
            f"Document number {excerpt(raw)} is not of the form number/TYPE-ISSUER "
            "(Decree 30/2020), e.g. 125/QĐ-UBND.",
        )
    number = str(int(found["number"]))
    if number == "0":
        raise _refuse(field, "Số văn bản bắt đầu từ 1.", "Document numbers start at 1.")
    kind = _official_case(_TYPES_TYPED_WITHOUT_STROKE.get(found["type"], found["type"]))
    issuer = "".join(f"-{_official_case(part)}" for part in found["issuer"].split("-")[1:])
    year = f"/{found['year']}" if found["year"] else ""
    return f"{number}{year}/{kind}{issuer}"


def decision_key(decision_no: str) -> str:
    """The uniqueness key of a decision number: its canonical form where it has one, else
    (a number stored before the format was checked) the folded text."""
    try:
        return decision_number("decision_no", decision_no)
    except CommandRejected:
        return re.sub(r"\s+", "", decision_no.translate(_LOOK_ALIKE_D).upper())


# -- ethnic groups (Decision 121-TCTK/PPCĐ, 02/03/1979) ----------------------------------------


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    name: str
    aliases: tuple[str, ...]

    @property
    def minority(self) -> bool:
        """Every group but the Kinh (code 01) is an ethnic minority (criterion 3.2)."""
        return self.code != "01"


def _ethnic_key(text: str) -> str:
    key = fold(text)
    key = re.sub(r"^(dan toc|nguoi|dan toc nguoi)\s+", "", key)
    return re.sub(r"[^0-9a-z]", "", key)


@cache
def ethnic_groups() -> dict[str, EthnicGroup]:
    """The 54 ethnic groups of Vietnam by code (`runtime/reference/ethnic-groups.csv`: the
    General Statistics Office's list, Decision 121-TCTK/PPCĐ), with common spellings."""
    with (REFERENCE_DIR / "ethnic-groups.csv").open(encoding="utf-8", newline="") as rows:
        groups = [
            EthnicGroup(row["code"], row["name"], tuple(a for a in row["aliases"].split("|") if a))
            for row in csv.DictReader(rows)
        ]
    return {group.code: group for group in groups}


@cache
def _ethnic_index() -> dict[str, EthnicGroup]:
    index: dict[str, EthnicGroup] = {}
    for group in ethnic_groups().values():
        for spelling in (group.name, *group.aliases):
            key = _ethnic_key(spelling)
            if index.setdefault(key, group) is not group:
                raise ValueError(f"ethnic-groups.csv: {spelling!r} names two groups")
    return index


def ethnic_group(field: str, raw: str) -> EthnicGroup:
    """The group `raw` names: its code (`1`, `01`), official name or a listed spelling, in
    any case, with or without diacritics, hyphens, a leading `Dân tộc`/`Người` or a
    parenthesised alias (`Kinh (Việt)`); refuses anything else, naming `field`."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.isdigit() and f"{int(text):02d}" in ethnic_groups():
        return ethnic_groups()[f"{int(text):02d}"]
    outside = re.sub(r"\(.*?\)", " ", text)
    inside = re.findall(r"\((.*?)\)", text)
    found = {_ethnic_index().get(_ethnic_key(part)) for part in (outside, *inside) if part.strip()}
    if len(found) == 1 and None not in found:
        group = found.pop()
        assert group is not None
        return group
    raise _refuse(
        field,
        f"Dân tộc {excerpt(raw)} không có trong danh mục 54 dân tộc Việt Nam "
        "(ghi tên hoặc mã, ví dụ Kinh, Ba Na, 13).",
        f"Ethnic group {excerpt(raw)} is not in the list of Vietnam's 54 ethnic groups "
        "(give a name or code, e.g. Kinh, Ba Na, 13).",
    )


def ethnicity(field: str, raw: str) -> str:
    """The canonical text of an ethnicity field: the group's official name."""
    return ethnic_group(field, raw).name


# -- other coded fields ------------------------------------------------------------------------

GENDER_SPELLINGS = {
    "female": "female",
    "f": "female",
    "nu": "female",
    "male": "male",
    "m": "male",
    "nam": "male",
    "other": "other",
    "khac": "other",
}


def gender(field: str, raw: str) -> str:
    """`female`, `male` or `other` (Vietnamese `nữ`, `nam`, `khác` accepted)."""
    key = fold(unicodedata.normalize("NFKC", raw))
    if key in GENDER_SPELLINGS:
        return GENDER_SPELLINGS[key]
    raise _refuse(
        field,
        f"Giới tính {excerpt(raw)} phải là female (nữ), male (nam) hoặc other (khác).",
        f"Gender {excerpt(raw)} must be female, male or other.",
    )
