"""Vietnamese (default) and English wording for explanations and the CLI."""

from __future__ import annotations

from rules.model import ShortfallMode, Step, Tier
from rules.text import Lang

TIER_AUTHORITY: dict[Tier, dict[Lang, str]] = {
    Tier.COMMUNE: {"vi": "UBND cấp xã", "en": "the commune People's Committee"},
    Tier.DISTRICT: {"vi": "UBND cấp huyện", "en": "the district People's Committee"},
    Tier.PROVINCE: {"vi": "UBND cấp tỉnh", "en": "the province People's Committee"},
    Tier.CENTRAL: {
        "vi": "Bộ Nông nghiệp và Môi trường",
        "en": "the Ministry of Agriculture and Environment",
    },
}

TIER_COUNCIL: dict[Tier, dict[Lang, str]] = {
    Tier.COMMUNE: {"vi": "UBND cấp xã", "en": "commune"},
    Tier.DISTRICT: {"vi": "Hội đồng cấp huyện", "en": "district council"},
    Tier.PROVINCE: {"vi": "Hội đồng cấp tỉnh", "en": "province council"},
    Tier.CENTRAL: {"vi": "Hội đồng cấp trung ương", "en": "central council"},
}

STEP: dict[Step, dict[Lang, str]] = {
    Step.RECEIVE: {"vi": "tiếp nhận hồ sơ", "en": "receives the dossier"},
    Step.PRE_ASSESS: {"vi": "đánh giá 4 nội dung, lập báo cáo", "en": "pre-assesses 4 criteria"},
    Step.SCORE: {"vi": "đánh giá, chấm điểm", "en": "scores"},
    Step.RECOGNISE: {"vi": "công nhận, cấp giấy chứng nhận", "en": "recognises and certifies"},
    Step.APPROVE_RESULT: {"vi": "phê duyệt kết quả, chuyển lên", "en": "approves and forwards"},
    Step.REVOKE: {"vi": "thu hồi giấy chứng nhận", "en": "revokes"},
    Step.INSPECT: {"vi": "kiểm tra, giám sát", "en": "inspects"},
    Step.NOTIFY_EXPIRY: {"vi": "thông báo hết hạn", "en": "sends the expiry notice"},
}

MODE: dict[ShortfallMode, dict[Lang, str]] = {
    ShortfallMode.CAP: {"vi": "chế độ hạ sao (cap)", "en": "cap mode"},
    ShortfallMode.REJECT: {"vi": "chế độ loại (reject)", "en": "reject mode"},
}

WORDS: dict[str, dict[Lang, str]] = {
    "rule_set": {"vi": "Bộ quy tắc", "en": "Rule set"},
    "version": {"vi": "phiên bản", "en": "version"},
    "in_force": {"vi": "áp dụng cho hồ sơ tiếp nhận", "en": "governs dossiers received"},
    "from": {"vi": "từ", "en": "from"},
    "to": {"vi": "đến", "en": "to"},
    "onwards": {"vi": "trở đi", "en": "onwards"},
    "product_set": {"vi": "Bộ sản phẩm", "en": "Product set"},
    "product": {"vi": "Sản phẩm", "en": "Product"},
    "council": {"vi": "Cấp đánh giá", "en": "Scored by"},
    "members": {"vi": "Điểm của từng thành viên", "en": "Members' scores"},
    "mean": {"vi": "Điểm trung bình", "en": "Mean score"},
    "band": {"vi": "Khung điểm", "en": "Band"},
    "band_range": {"vi": "từ {low} đến dưới {high}", "en": "{low} to under {high}"},
    "band_top": {"vi": "từ {low} trở lên", "en": "{low} and above"},
    "minimums": {"vi": "Yêu cầu tối thiểu {star}", "en": "{star} minimums"},
    "met_count": {"vi": "đạt {met}/{total}", "en": "{met} of {total} met"},
    "need": {"vi": "cần ≥ {points} điểm", "en": "needs ≥ {points} pt"},
    "given": {"vi": "các thành viên chấm", "en": "members gave"},
    "knockouts": {"vi": "Điều kiện loại đã kiểm tra", "en": "Knock-outs checked"},
    "none_triggered": {"vi": "không có điều kiện nào xảy ra", "en": "none triggered"},
    "triggered_by": {"vi": "CÓ — ghi nhận bởi", "en": "YES — flagged by"},
    "no": {"vi": "không", "en": "no"},
    "conclusion": {"vi": "Kết luận", "en": "Conclusion"},
    "applied": {"vi": "Áp dụng", "en": "Applied"},
    "not_recognised": {"vi": "không đạt", "en": "not recognised"},
    "rejected": {"vi": "bị loại", "en": "rejected"},
    "no_cert": {
        "vi": "không ban hành quyết định công nhận, không cấp giấy chứng nhận",
        "en": "no recognition decision, no certificate",
    },
    "recognise_by": {
        "vi": "{who} ra quyết định công nhận và cấp giấy chứng nhận",
        "en": "{who} issues the recognition decision and certificate",
    },
    "forward_to": {"vi": "chuyển hồ sơ lên {who}", "en": "dossier forwarded to {who}"},
    "approve_by": {"vi": "{who} phê duyệt kết quả", "en": "{who} approves the result"},
    "or_reevaluate": {"vi": "hoặc tổ chức đánh giá lại", "en": "or re-evaluates"},
    "forwarded": {"vi": "chuyển cấp trên đánh giá", "en": "forwarded for evaluation"},
    "no_cert_yet": {
        "vi": "cấp trên áp dụng yêu cầu tối thiểu, chưa cấp giấy chứng nhận",
        "en": "the higher council applies the minimums; no certificate yet",
    },
    "returned": {
        "vi": "chưa đạt {star}, trả hồ sơ về {who}",
        "en": "short of {star}, dossier returned to {who}",
    },
    "may_recognise": {
        "vi": "công nhận {star} theo kết quả đánh giá",
        "en": "recognise {star} on this evaluation",
    },
    "may_reevaluate": {
        "vi": "hoàn thiện hồ sơ và tổ chức đánh giá lại",
        "en": "have the dossier completed and re-evaluate",
    },
    "or": {"vi": "hoặc", "en": "or"},
    "no_cert_until": {
        "vi": "không cấp giấy chứng nhận cho đến khi {who} quyết định",
        "en": "no certificate until {who} decides",
    },
    "why_not": {
        "vi": "Không đạt {star}: điểm {score} thuộc khung {star} nhưng chưa đạt yêu cầu tối thiểu",
        "en": "Not {star}: the score {score} is in the {star} band but misses minimums",
    },
    "band_met": {
        "vi": "Điểm {score} thuộc khung {star} và đạt mọi yêu cầu tối thiểu đến {star}",
        "en": "The score {score} is in the {star} band and meets every minimum up to {star}",
    },
    "rejected_because": {
        "vi": "Bị loại (không xét điểm) vì: {reasons}",
        "en": "Rejected whatever the score because: {reasons}",
    },
    "selection": {"vi": "Lý do chọn", "en": "Why this rule set"},
}


def word(key: str, lang: Lang, **values: object) -> str:
    return WORDS[key][lang].format(**values)


def stars(n: int) -> str:
    return f"{n}★"
