"""The sentences of a recognition decision and a certificate, in Vietnamese: these are
administrative documents of a Vietnamese authority (Decree 30/2020/NĐ-CP), printed in the
state language whatever the reader's `--lang`.

Each function takes the facts (`application.documents`) and returns text; the templates
only place it."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from rules.model import Instrument
from runtime.admin_document import date_words
from services.evaluation.adapters.documents.issuer import Issuer, unit_name
from services.evaluation.application.documents import DecisionFacts, DecisionLine

ISSUERS = {"TTg": "Thủ tướng Chính phủ", "BNNMT": "Bộ trưởng Bộ Nông nghiệp và Môi trường"}
KINDS = {"QĐ": "Quyết định", "TT": "Thông tư", "NĐ": "Nghị định"}
REFORM = date(2025, 7, 1)
"""Districts abolished, provinces merged (Resolution 202/2025/QH15)."""
COUNCIL = {"district": "cấp huyện", "province": "cấp tỉnh", "central": "cấp trung ương"}


def dmy(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def score_text(score: Decimal | None) -> str:
    """65.33 -> "65,33" (decimal comma)."""
    return f"{score:.2f}".replace(".", ",") if score is not None else ""


def stars(star: int) -> str:
    return "★" * star


def basis_line(instrument: Instrument) -> str:
    """ "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính
    phủ ban hành Bộ tiêu chí …;" from the rule set's instrument."""
    match = re.search(r"/([A-ZĐ]+)-([A-Za-zĐ]+)$", instrument.number)
    kind = KINDS.get(match.group(1), "Văn bản") if match else "Văn bản"
    issuer = ISSUERS.get(match.group(2), "") if match else ""
    title = re.sub(r"\s*\(.*\)\s*$", "", instrument.title).strip()
    if not title.lower().startswith("ban hành"):
        title = "ban hành " + title
    by = f" của {issuer}" if issuer else ""
    return (
        f"Căn cứ {kind} số {instrument.number} {date_words(instrument.date)}{by} "
        f"{title[0].lower()}{title[1:]};"
    )


def basis_lines(facts: DecisionFacts) -> list[str]:
    issuer = Issuer(facts.tier, facts.jurisdiction)
    council = COUNCIL.get(facts.tier, "")
    return [
        *(basis_line(i) for i in facts.instruments),
        "Căn cứ kết quả đánh giá, phân hạng sản phẩm của Hội đồng đánh giá, phân hạng sản "
        f"phẩm Chương trình mỗi xã một sản phẩm {council};".replace("  ", " "),
        f"Theo đề nghị của {issuer.proposer(facts.decided_on)}.",
    ]


def star_list(lines: tuple[DecisionLine, ...]) -> str:
    """ "3 sao, 4 sao" (ascending)."""
    return ", ".join(f"{s} sao" for s in sorted({x.star for x in lines}))


def title(facts: DecisionFacts) -> str:
    return (
        f"Về việc công nhận sản phẩm đạt {star_list(facts.lines)} Chương trình mỗi xã một "
        f"sản phẩm (OCOP) năm {facts.decided_on.year}"
    )


def article_1(facts: DecisionFacts) -> str:
    counts = Counter(x.star for x in facts.lines)
    parts = ", ".join(f"{counts[s]} sản phẩm đạt {s} sao" for s in sorted(counts))
    return (
        f"Công nhận {len(facts.lines)} sản phẩm đạt tiêu chuẩn sản phẩm Chương trình mỗi xã "
        f"một sản phẩm (OCOP), gồm {parts}, như sau:"
    )


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end`; an `end` a day short of the anniversary (the
    "day before" validity convention) counts as the full month."""
    if (end + timedelta(days=1)).day == start.day:
        end += timedelta(days=1)
    return (end.year - start.year) * 12 + end.month - start.month


def article_2(facts: DecisionFacts) -> list[str]:
    """Validity, re-evaluation window and the producers' duties."""
    first = facts.lines[0]
    same = all(x.valid_to == first.valid_to for x in facts.lines)
    until = f" (đến hết ngày {dmy(first.valid_to)})" if same else " (ngày hết hạn ghi tại Điều 1)"
    months = months_between(facts.decided_on, first.valid_to)
    text = [
        "Các sản phẩm tại Điều 1 được cấp Giấy chứng nhận sản phẩm OCOP và được sử dụng "
        "biểu trưng OCOP với số sao tương ứng trên bao bì, nhãn sản phẩm. Giấy chứng nhận có "
        f"giá trị {months} tháng kể từ ngày ký ban hành Quyết định này{until}."
    ]
    windows = {(x.window_opens, x.window_closes) for x in facts.lines if x.window_opens}
    if len(windows) == 1:
        opens, closes = next(iter(windows))
        text.append(
            "Chủ thể OCOP có nhu cầu đánh giá, phân hạng lại sản phẩm nộp hồ sơ từ ngày "
            f"{dmy(opens)} đến ngày {dmy(closes)}; sau thời hạn hiệu lực, sản phẩm không được "
            "đánh giá lại sẽ không còn là sản phẩm OCOP."
        )
    text.append(
        "Chủ thể OCOP có trách nhiệm duy trì, nâng cao chất lượng sản phẩm theo các tiêu chí "
        "đã được đánh giá; sản phẩm không duy trì được tiêu chuẩn bị thu hồi Giấy chứng nhận "
        "theo quy định."
    )
    return text


def article_3(facts: DecisionFacts) -> str:
    issuer = Issuer(facts.tier, facts.jurisdiction)
    office = "Chánh Văn phòng Bộ" if issuer.central else f"Chánh Văn phòng {issuer.name}"
    return (
        f"Quyết định này có hiệu lực kể từ ngày ký. {office}, "
        f"{issuer.proposer(facts.decided_on)}, Chủ tịch Ủy ban nhân dân các xã có sản phẩm "
        "tại Điều 1, các chủ thể OCOP có sản phẩm tại Điều 1 và các cơ quan, đơn vị có liên "
        "quan chịu trách nhiệm thi hành Quyết định này./."
    )


def recipients(facts: DecisionFacts) -> list[str]:
    issuer = Issuer(facts.tier, facts.jurisdiction)
    lines = ["- Như Điều 3;"]
    if not issuer.central:
        lines += ["- Bộ Nông nghiệp và Môi trường (b/c);"]
    lines += ["- Văn phòng Điều phối nông thôn mới Trung ương;"]
    if len(facts.jurisdiction) == 3:
        lines += ["- UBND tỉnh (b/c);"]
    return [*lines, "- Lưu: VT."]


def address(line: DecisionLine, on: date) -> str:
    """Where the product is made, as the units stood on the decision's date: the commune
    and province since 1 July 2025; before, the district and province of the time."""
    if on < REFORM and line.district_code:
        names = (unit_name(line.district_code), unit_name(line.legacy_province_code))
    else:
        names = (unit_name(line.commune_code), unit_name(line.province_code))
    return ", ".join(n for n in names if n)


def revocation_notes(lines: tuple[DecisionLine, ...]) -> list[str]:
    """What happened since: each product whose certificate was revoked."""
    notes = []
    for x in lines:
        if x.revoked:
            notes.append(
                f"Giấy chứng nhận số {x.certificate_no} ({x.product_name}) đã bị thu hồi theo "
                f"Quyết định số {x.revoked['decision_no']} ngày {dmy(x.revoked['decided_on'])}."
            )
    return notes
