"""Text views of a rule set and of one product set's sheet (for ``ocop rules show``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rules.catalogue import dossier_requirements, product_set_info, rubric_for
from rules.deployment import LocalPolicy
from rules.i18n import STEP, TIER_AUTHORITY, stars
from rules.model import DossierKind, RuleSet, Step
from rules.rubric import Criterion
from rules.text import Lang, fmt_date, fmt_points


def _dmy(day: date | None) -> str:
    return fmt_date(day) if day else "…"


def _t(lang: Lang, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


ROLE = {
    "issues": {"vi": "ban hành", "en": "issues"},
    "amends": {"vi": "sửa đổi", "en": "amends"},
    "base": {"vi": "văn bản gốc", "en": "base text"},
}


def _authority_lines(rule_set: RuleSet, lang: Lang) -> list[str]:
    lines = []
    for step in Step:
        by_star = rule_set.authorities.get(step)
        if not by_star:
            continue
        parts = []
        for star, tiers in by_star.items():
            who = " / ".join(TIER_AUTHORITY[t][lang] for t in tiers)
            parts.append(who if star == "any" else f"{star}★: {who}")
        lines.append(f"  {STEP[step][lang]}: {'; '.join(parts)}")
    return lines


def _days(lang: Lang, value: int | None, unit_vi: str, unit_en: str) -> str:
    """``value`` with its unit, or "không quy định" / "not set" when the rule set is silent."""
    if value is None:
        return _t(lang, "không quy định", "not set")
    return f"{value} {_t(lang, unit_vi, unit_en)}"


def _commune_check(rule_set: RuleSet, lang: Lang, local_policies: Sequence[LocalPolicy]) -> str:
    """The commune's check period, or the local policies' where the rule set sets none."""
    value = rule_set.deadlines.commune_check_working_days
    commune = _days(lang, value, "ngày làm việc", "working days")
    if value is None:
        local = [
            f"{p.id}: {_days(lang, p.commune_check_working_days, 'ngày làm việc', 'working days')}"
            for p in local_policies
            if p.commune_check_working_days is not None and rule_set.id in p.applies_to_rule_sets
        ]
        if local:
            commune += _t(lang, " (chính sách địa phương ", " (local policy ") + "; ".join(local)
            commune += ")"
    return commune


def _round_lines(rule_set: RuleSet, lang: Lang) -> list[str]:
    return [
        f"  {rnd.name.get(lang)} ({tier.value}): "
        + _t(
            lang,
            f"đề nghị đến {rnd.forwarded_by} → quyết định đến {rnd.decided_by}",
            f"forwarded by {rnd.forwarded_by} → decided by {rnd.decided_by}",
        )
        for tier, rounds in rule_set.deadlines.rounds.items()
        for rnd in rounds
    ]


def _deadline_lines(
    rule_set: RuleSet, lang: Lang, local_policies: Sequence[LocalPolicy] = ()
) -> list[str]:
    d = rule_set.deadlines
    window = d.reevaluation_window
    return [
        _t(lang, "  Xã kiểm tra hồ sơ: ", "  Commune check: ")
        + _commune_check(rule_set, lang, local_policies),
        _t(lang, "  Giấy chứng nhận: ", "  Certificate: ")
        + f"{d.certificate_validity_months} {_t(lang, 'tháng', 'months')} "
        + f"({d.valid_to_convention})",
        _t(lang, "  Thông báo hết hạn trước: ", "  Expiry notice before expiry: ")
        + _days(lang, d.expiry_notice_days_before, "ngày", "days"),
        _t(lang, "  Nộp hồ sơ đánh giá lại: ", "  Re-evaluation filing: ")
        + (
            _t(lang, "không quy định", "not set")
            if window is None
            else _t(
                lang,
                f"từ {window.opens_days_before} đến {window.closes_days_before} ngày trước hạn",
                f"{window.opens_days_before} to {window.closes_days_before} days before expiry",
            )
        ),
        _t(lang, "  Quyết định đánh giá lại: ", "  Re-evaluation decision: ")
        + _days(lang, d.reevaluation_decision_days, "ngày", "days"),
        _t(lang, "  Gia hạn cho hồ sơ nộp muộn: ", "  Late filer's extension: ")
        + _days(lang, d.late_reevaluation_grace_days, "ngày sau hạn", "days past expiry"),
        _t(lang, "  Thu hồi: ", "  Revocation: ") + _days(lang, d.revocation_days, "ngày", "days"),
        *_round_lines(rule_set, lang),
    ]


def render_rule_set(
    rule_set: RuleSet, lang: Lang = "vi", local_policies: Sequence[LocalPolicy] = ()
) -> str:
    """A readable summary of a rule set: basis, dates, scoring, authorities, deadlines.

    ``local_policies`` written for the rule set are named where they set what it
    leaves open (the commune's time limit under R1/R2)."""
    rs = rule_set
    bands = "; ".join(
        f"{stars(b.star)} ≥ {fmt_points(b.min_score, lang)}"
        for b in sorted(rs.scoring.bands, key=lambda b: -b.star)
    )
    maxima = " · ".join(f"{p} {fmt_points(v, lang)}" for p, v in rs.scoring.part_maxima.items())
    out = [
        f"{rs.id} ({_t(lang, 'phiên bản', 'version')} {rs.version}): {rs.title.get(lang)}",
        _t(lang, "Văn bản:", "Instruments:"),
        *(
            f"  {i.number} ({_dmy(i.date)}, {ROLE[i.role][lang]}): {i.title}"
            for i in rs.instruments
        ),
        _t(lang, "Áp dụng cho hồ sơ tiếp nhận: ", "Governs dossiers received: ")
        + f"{_dmy(rs.effective_from)} – {_dmy(rs.effective_to)}",
        _t(lang, "Nguồn dữ liệu: ", "Provenance: ") + rs.provenance,
        _t(lang, "Các cấp: ", "Tiers: ") + ", ".join(t.value for t in rs.tiers),
        _t(lang, "Điểm tối đa: ", "Part maxima: ") + maxima,
        _t(lang, "Khung sao: ", "Bands: ") + bands,
        _t(lang, "Thiếu yêu cầu tối thiểu: ", "Missing a minimum: ")
        + f"{rs.scoring.minimum_shortfall_default} ({rs.scoring.minimum_aggregation})",
        _t(lang, "Thẩm quyền:", "Authorities:"),
        *_authority_lines(rs, lang),
        _t(lang, "Thời hạn:", "Deadlines:"),
        *_deadline_lines(rs, lang, local_policies),
    ]
    if rs.transition is not None:
        t = rs.transition
        out.append(
            _t(
                lang,
                f"Chuyển tiếp: hồ sơ nộp trước {_dmy(t.pending_filed_before)} chưa đánh giá — "
                f"lần đầu/nâng hạng {t.first_or_upgrade_days} ngày, đánh giá lại "
                f"{t.reevaluation_days} ngày kể từ {_dmy(t.counted_from)}",
                f"Transition: dossiers filed before {_dmy(t.pending_filed_before)}, not yet "
                f"evaluated — first/upgrade {t.first_or_upgrade_days} days, re-evaluation "
                f"{t.reevaluation_days} days from {_dmy(t.counted_from)}",
            )
        )
    out.append(_t(lang, "Bộ sản phẩm:", "Product sets:"))
    for info in rs.product_sets:
        samples = dossier_requirements(rs, DossierKind.FIRST, info.number).samples
        sample_text = "?" if samples is None else str(samples)
        out.append(
            f"  {info.number:>2} {info.name.get(lang)} "
            f"[{_t(lang, 'mẫu', 'samples')}: {sample_text}]"
        )
    out.append(_t(lang, "Điểm diễn giải:", "Interpretation choices:"))
    for a in rs.ambiguities:
        out.append(f"  - {a.id}: {a.choice} [{a.data_path}; {a.source}]")
    return "\n".join(out)


def _criterion_lines(criterion: Criterion, lang: Lang, indent: str) -> list[str]:
    lines = [f"{indent}{criterion.code} {criterion.label} ({fmt_points(criterion.max, lang)})"]
    for item in criterion.items:
        lines.extend(_criterion_lines(item, lang, indent + "  "))
    cases = {c.id: c.label for c in criterion.cases}
    current: str | None = None
    for option in criterion.options:
        if option.case is not None and option.case != current:
            current = option.case
            lines.append(f"{indent}  {cases.get(option.case, option.case)}:")
        marker = (
            f"  [{_t(lang, 'tối thiểu', 'minimum')} {stars(option.min_star)}]"
            if option.min_star
            else ""
        )
        lines.append(
            f"{indent}  {option.id}. {option.label} — {fmt_points(option.points, lang)}{marker}"
        )
    return lines


def render_sheet(rule_set: RuleSet, number: int, lang: Lang = "vi") -> str:
    """The scoring sheet of one product set with option numbers, points and markers."""
    sheet = rubric_for(rule_set, number)
    info = product_set_info(rule_set, number)
    needed = dossier_requirements(rule_set, DossierKind.FIRST, number)
    samples = needed.samples
    path = [info.industry_name.get(lang), info.group.get(lang)]
    within = " / ".join(dict.fromkeys(p for p in path if p != info.name.get(lang)))
    out = [
        f"{rule_set.id} · {_t(lang, 'Bộ sản phẩm', 'Product set')} {number}: "
        f"{info.name.get(lang)}" + (f" ({within})" if within else ""),
        _t(lang, "Cơ quan chủ trì: ", "Managing agency: ") + info.managing_agency,
        _t(lang, "Mẫu sản phẩm: ", "Samples: ") + ("?" if samples is None else str(samples)),
        _t(lang, "Giấy tờ bắt buộc: ", "Required papers: ")
        + (
            "; ".join(f"{d.label.get(lang)} ({d.category})" for d in needed.documents)
            or _t(lang, "không", "none")
        ),
    ]
    for part in sheet.parts:
        out.append(f"{part.label} — {fmt_points(part.max, lang)}")
        for group in part.groups:
            out.append(f"  {group.code}. {group.label} ({fmt_points(group.max, lang)})")
            for criterion in group.criteria:
                out.extend(_criterion_lines(criterion, lang, "    "))
    out.append(_t(lang, "Điều kiện loại:", "Knock-outs:"))
    for knockout in rule_set.knockouts_for(number):
        out.append(f"  - {knockout.code}: {knockout.label.get(lang)}")
    return "\n".join(out)
