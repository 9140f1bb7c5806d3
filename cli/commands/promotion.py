"""`ocop promotion ...`: the year's promotion plan, showrooms and what they display, fairs
and participation, producers' sales channels and value chains, outreach and support, and
the queries (shares on a date, showrooms, a producer's history, the plan's status).

Budget lines are given as `--budget CODE:AMOUNT_VND:SOURCE:Label`, activities as
`--activity CODE:KIND:BUDGET_LINE:Title` (the economy and infrastructure office leads,
with the agriculture office, unless `--lead` says otherwise for one activity added
later). Amounts are whole đồng."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.declare import Arg, Command, Group, Refused, add_group, day, on
from cli.output import COMMON, Words, emit, emit_table, message_record
from contracts import promotion_codes as codes
from contracts.rpc import promotion_pb2 as pb
from contracts.rpc import promotion_pb2_grpc as pb_grpc

LABELS = {
    "showroom_id": ("Mã điểm bán", "Showroom id"),
    "fair_id": ("Mã hội chợ", "Fair id"),
    "record_id": ("Mã bản ghi", "Record id"),
    "operator": ("Đơn vị vận hành", "Operator"),
    "opened_on": ("Ngày mở cửa", "Opened on"),
    "closed_on": ("Ngày đóng cửa", "Closed on"),
    "displayed": ("Đang trưng bày", "On display"),
    "place": ("Địa điểm (trong/ngoài tỉnh)", "Inside/outside the province"),
    "location": ("Nơi tổ chức", "Location"),
    "organiser": ("Đơn vị tổ chức", "Organiser"),
    "participants": ("Sản phẩm tham gia", "Products taking part"),
    "ocop_producers": ("Chủ thể OCOP", "OCOP producers"),
    "in_modern_channels": ("Có kênh phân phối hiện đại", "In modern channels"),
    "modern_channel_share": ("Tỷ lệ kênh hiện đại", "Modern-channel share"),
    "in_value_chains": ("Tham gia chuỗi giá trị", "In value chains"),
    "value_chain_share": ("Tỷ lệ chuỗi giá trị", "Value-chain share"),
    "on": ("Ngày", "Date"),
    "detail": ("Nội dung", "Detail"),
    "ref": ("Tham chiếu", "Reference"),
    "title": ("Tên", "Title"),
    "lead_unit": ("Đơn vị chủ trì", "Lead unit"),
    "budget_line": ("Dòng kinh phí", "Budget line"),
    "records": ("Số hoạt động đã ghi nhận", "Records"),
    "code": ("Mã", "Code"),
    "minimum": ("Chỉ tiêu tối thiểu", "Minimum"),
    "stretch": ("Chỉ tiêu phấn đấu", "Stretch"),
    "since": ("Từ ngày", "Since"),
    "until": ("Đến ngày", "Until"),
    "product_name": ("Tên sản phẩm", "Product"),
    "certificate_no": ("Số giấy chứng nhận", "Certificate no."),
    "reason": ("Lý do", "Reason"),
    "kind": ("Loại", "Kind"),
    "channel_type": ("Loại kênh", "Channel type"),
    "channel_id": ("Mã kênh", "Channel id"),
    "partner": ("Đối tác", "Partner"),
    "link_id": ("Mã liên kết", "Link id"),
    "raw_material_area": ("Vùng nguyên liệu", "Raw-material area"),
    "area": ("Diện tích", "Area"),
    "address": ("Địa chỉ", "Address"),
    "province_code": ("Mã tỉnh", "Province code"),
    "district_code": ("Mã huyện (trước 07/2025)", "District code (before 07/2025)"),
    "year": ("Năm", "Year"),
    "plan_id": ("Mã kế hoạch", "Plan id"),
    "contracts": ("Số hợp đồng", "Contracts"),
    "sales_vnd": ("Doanh thu (đồng)", "Sales (VND)"),
}
VALUES = {
    "planned": ("chưa thực hiện", "planned"),
    "under_way": ("đang thực hiện", "under way"),
    "done": ("đã hoàn thành", "done"),
    "below": ("chưa đạt", "below"),
    "met": ("đạt", "met"),
    "stretch_met": ("đạt mức phấn đấu", "stretch met"),
    "revoked": ("giấy chứng nhận bị thu hồi", "certificate revoked"),
    "expired": ("giấy chứng nhận hết hiệu lực", "certificate expired"),
    "by_operator": ("đơn vị vận hành rút", "taken down by the operator"),
    "inside": ("trong tỉnh", "inside the province"),
    "outside": ("ngoài tỉnh", "outside the province"),
}
_CODE_LISTS = (
    codes.CHANNEL_TYPES,
    codes.SUPPORT_KINDS,
    codes.FUNDING_SOURCES,
    codes.OUTREACH_CHANNELS,
    codes.UNITS,
    codes.ACTIVITY_KINDS,
)
# The published code lists name themselves; the words above win where a code means more
# than one thing here (a withdrawal's reason "revoked" names the certificate).
WORDS = COMMON.extend(
    LABELS,
    {
        **{k: (c.vi, c.en) for table in _CODE_LISTS for k, c in table.items()},
        **VALUES,
    },
)
# A producer's history names what happened: its kind "support" is support received, not
# the plan's activity kind of that name.
HISTORY_WORDS = WORDS.extend(
    values={
        "channel_joined": ("tham gia kênh phân phối", "joined a sales channel"),
        "channel_left": ("rời kênh phân phối", "left a sales channel"),
        "value_chain_linked": ("liên kết chuỗi giá trị", "value chain linked"),
        "value_chain_ended": ("kết thúc liên kết chuỗi", "value chain ended"),
        "displayed": ("trưng bày tại điểm bán", "on display"),
        "withdrawn": ("rút khỏi điểm bán, hội chợ, kênh", "withdrawn"),
        "support": ("nhận hỗ trợ", "support received"),
    }
)

ROLE = "economy_office"
ACTIVITY = Arg(
    "--activity",
    "Mã hoạt động trong kế hoạch năm",
    "Activity code of the year's plan",
    field="activity_code",
)
PRODUCER = Arg("--producer", "Mã chủ thể", "Producer id", required=True, field="producer_id")
PRODUCT = Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id")
SHOWROOM = Arg("--showroom", "Mã điểm bán", "Showroom id", required=True, field="showroom_id")
FAIR = Arg("--fair", "Mã hội chợ", "Fair id", required=True, field="fair_id")
YEAR = Arg("--year", "Năm kế hoạch", "The plan's year", required=True, type=int)


def _parts(text: str, option: str, count: int) -> list[str]:
    parts = text.split(":", count - 1)
    if len(parts) != count or not all(p.strip() for p in parts[:-1]):
        raise Refused(f"{option} {text}: thiếu phần / missing parts", field=option)
    return [p.strip() for p in parts]


def _amount(text: str, option: str) -> int:
    digits = text.replace(".", "").replace(",", "").replace("_", "")
    if not digits.isdigit():
        raise Refused(f"{option} {text}: số tiền phải là số nguyên đồng / whole đồng", field=option)
    return int(digits)


def _plan_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    lines = []
    for text in args.budget:
        code, amount, source, label = _parts(text, "--budget", 4)
        lines.append(
            pb.BudgetLine(
                code=code,
                amount_vnd=_amount(amount, "--budget"),
                funding_source=source,
                label=label,
            )
        )
    activities = []
    for text in args.activity_item:
        code, kind, line, title = _parts(text, "--activity", 4)
        activities.append(pb.Activity(code=code, kind=kind, budget_line=line, title=title))
    return {"budget_lines": lines, "activities": activities}


def _add_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    code, kind, line, title = _parts(args.item, "--item", 4)
    return {
        "activity": pb.Activity(
            code=code,
            kind=kind,
            budget_line=line,
            title=title,
            lead_unit=args.lead,
            with_units=args.with_unit,
        )
    }


def _training_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"participants": {"official": args.officials, "producer": args.producers}}


def _amount_field(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"amount_vnd": _amount(args.amount, "--amount")}


def _sales_field(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"sales_vnd": _amount(args.sales or "0", "--sales")}


def _record(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    flat = {k: v for k, v in record.items() if not isinstance(v, list) and v not in ("", 0)}
    emit(flat, as_json=False, lang=args.lang, quiet=args.quiet, words=WORDS)
    return 0


def _with_rows(key: str, columns: list[str], words: Words = WORDS) -> Any:
    def show(args: argparse.Namespace, reply: Any) -> int:
        record = message_record(reply)
        if args.json:
            emit(record, as_json=True, lang=args.lang, words=words)
            return 0
        if args.quiet:
            print(next(iter(record.values()), ""))
            return 0
        head = {k: v for k, v in record.items() if not isinstance(v, list) and v not in ("", 0)}
        emit(head, as_json=False, lang=args.lang, words=words)
        print()
        emit_table(record[key], columns, as_json=False, lang=args.lang, words=words)
        return 0

    return show


def _showrooms(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["showrooms"]
    if args.json:
        emit_table(rows, [], as_json=True, lang=args.lang, words=WORDS)
        return 0
    for row in rows:
        row["displayed"] = ", ".join(d["product_name"] for d in row["displayed"]) or "—"
    emit_table(
        rows,
        ["showroom_id", "name", "commune_code", "opened_on", "displayed"],
        as_json=False,
        lang=args.lang,
        words=WORDS,
    )
    return 0


def _percent(share: str, lang: str) -> str:
    """A share as people write it: "0.3000" -> "30 %", "0.3333" -> "33,3 %" (Vietnamese
    decimal comma; a point in English)."""
    value = f"{float(share) * 100:.1f}".removesuffix(".0")
    return f"{value if lang == 'en' else value.replace('.', ',')} %"


def _shares(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    head = {k: _percent(v, args.lang) if k.endswith("_share") else v for k, v in record.items()}
    del head["targets"]
    emit(head, as_json=False, lang=args.lang, words=WORDS)
    print()
    for target in record["targets"]:
        target["title"] = target["label_en"] if args.lang == "en" else target["label"]
        for bound in ("minimum", "stretch"):
            target[bound] = _percent(target[bound], args.lang) if target[bound] else ""
    emit_table(
        record["targets"],
        ["title", "minimum", "stretch", "status"],
        as_json=False,
        lang=args.lang,
        words=WORDS,
    )
    return 0


PLAN_ACTIVITY_COLUMNS = ["code", "title", "kind", "lead_unit", "budget_line", "status", "records"]

COMMANDS = (
    Command(
        "plan",
        ("Lập kế hoạch xúc tiến thương mại của năm", "Adopt the year's promotion plan"),
        ROLE,
        pb.AdoptPlanRequest,
        (
            YEAR,
            Arg("--title", "Tên kế hoạch", "The plan's title", required=True),
            Arg(
                "--budget",
                "Dòng kinh phí: MÃ:SỐ_TIỀN:NGUỒN:Tên (lặp lại)",
                "Budget line: CODE:AMOUNT_VND:SOURCE:Label (repeat)",
                action="append",
                field="",
            ),
            Arg(
                "--activity",
                "Hoạt động: MÃ:LOẠI:DÒNG_KINH_PHÍ:Tên (lặp lại)",
                "Activity: CODE:KIND:BUDGET_LINE:Title (repeat)",
                action="append",
                dest="activity_item",
                field="",
            ),
        ),
        output=_with_rows("activities", PLAN_ACTIVITY_COLUMNS),
        derive=_plan_fields,
    ),
    Command(
        "add-activity",
        ("Bổ sung hoạt động vào kế hoạch", "Add an activity to the plan"),
        ROLE,
        pb.AddActivityRequest,
        (
            YEAR,
            Arg(
                "--item",
                "Hoạt động: MÃ:LOẠI:DÒNG_KINH_PHÍ:Tên",
                "Activity: CODE:KIND:LINE:Title",
                required=True,
                field="",
            ),
            Arg(
                "--lead", "Đơn vị chủ trì", "Lead unit", default="economy_infrastructure", field=""
            ),
            Arg(
                "--with-unit",
                "Đơn vị phối hợp (lặp lại)",
                "Unit working with it (repeat)",
                action="append",
                field="",
            ),
        ),
        output=_with_rows("activities", PLAN_ACTIVITY_COLUMNS),
        derive=_add_fields,
    ),
    Command(
        "activity-done",
        ("Đánh dấu hoạt động đã hoàn thành", "Mark an activity done"),
        ROLE,
        pb.CompleteActivityRequest,
        (YEAR, Arg("--code", "Mã hoạt động", "Activity code", required=True)),
        output=_with_rows("activities", PLAN_ACTIVITY_COLUMNS),
        rpc="CompleteActivity",
    ),
    Command(
        "show-plan",
        ("Kế hoạch năm và tình trạng các hoạt động", "The year's plan and its activities"),
        "auditor",
        pb.GetPlanRequest,
        (
            Arg("--unit", "Mã địa bàn", "Unit code", required=True, field="jurisdiction"),
            YEAR,
        ),
        output=_with_rows("activities", PLAN_ACTIVITY_COLUMNS),
        actor=False,
        retry_not_found=True,
    ),
    Command(
        "open-showroom",
        ("Mở điểm giới thiệu và bán sản phẩm OCOP", "Open an OCOP showroom / sales point"),
        ROLE,
        pb.OpenShowroomRequest,
        (
            Arg("--name", "Tên điểm bán", "Name", required=True),
            Arg("--address", "Địa chỉ", "Address"),
            Arg("--commune", "Mã xã", "Commune code", required=True, field="commune_code"),
            Arg("--province", "Mã tỉnh", "Province code", required=True, field="province_code"),
            Arg(
                "--district",
                "Mã huyện (trước 01/07/2025)",
                "District code (before 1/7/2025)",
                field="district_code",
            ),
            Arg("--operator", "Đơn vị vận hành", "Operator", required=True),
            on("--on", "Ngày mở cửa", "Opened on", field="opened_on"),
            ACTIVITY,
        ),
    ),
    Command(
        "close-showroom",
        ("Đóng cửa điểm bán", "Close a showroom"),
        ROLE,
        pb.CloseShowroomRequest,
        (SHOWROOM, on("--on", "Ngày đóng cửa", "Closed on", field="closed_on")),
    ),
    Command(
        "display",
        ("Trưng bày sản phẩm OCOP tại điểm bán", "Display a certified product"),
        ROLE,
        pb.DisplayProductRequest,
        (SHOWROOM, PRODUCT, on("--since", "Trưng bày từ ngày", "On display from")),
        rpc="DisplayProduct",
    ),
    Command(
        "take-down",
        ("Rút sản phẩm khỏi điểm bán", "Take a product down"),
        ROLE,
        pb.TakeDownProductRequest,
        (SHOWROOM, PRODUCT, on("--on", "Ngày rút", "Taken down on")),
        rpc="TakeDownProduct",
    ),
    Command(
        "showrooms",
        ("Các điểm bán và sản phẩm đang trưng bày", "Showrooms and what they display"),
        "auditor",
        pb.ListShowroomsRequest,
        (
            Arg(
                "--unit",
                "Mã địa bàn (mặc định: tất cả)",
                "Unit code (default: all)",
                field="jurisdiction",
            ),
            Arg(
                "--all",
                "Kể cả điểm đã đóng cửa",
                "Closed ones too",
                action="store_true",
                field="include_closed",
            ),
        ),
        output=_showrooms,
        actor=False,
        rpc="ListShowrooms",
    ),
    Command(
        "fair",
        ("Ghi nhận hội chợ, triển lãm", "Record a fair or exhibition"),
        ROLE,
        pb.RecordFairRequest,
        (
            Arg("--name", "Tên hội chợ", "Name", required=True),
            Arg(
                "--place",
                "Trong hay ngoài tỉnh",
                "Inside or outside the province",
                required=True,
                choices=("inside", "outside"),
            ),
            Arg("--location", "Nơi tổ chức", "Location", required=True),
            on("--from", "Từ ngày", "From", field="starts_on"),
            on("--to", "Đến ngày", "To", field="ends_on"),
            Arg("--organiser", "Đơn vị tổ chức", "Organiser", required=True),
            ACTIVITY,
        ),
        rpc="RecordFair",
    ),
    Command(
        "participate",
        ("Sản phẩm tham gia hội chợ", "A product takes part in a fair"),
        ROLE,
        pb.RecordParticipationRequest,
        (FAIR, PRODUCT),
        output=_with_rows("participants", ["product_id", "product_name", "certificate_no"]),
        rpc="RecordParticipation",
    ),
    Command(
        "fair-result",
        ("Kết quả tham gia hội chợ của sản phẩm", "A product's results at a fair"),
        ROLE,
        pb.RecordFairResultRequest,
        (
            FAIR,
            PRODUCT,
            Arg("--contracts", "Số hợp đồng ký kết", "Contracts signed", type=int, default=0),
            Arg("--sales", "Doanh thu (đồng)", "Sales (VND)", field=""),
            Arg("--note", "Ghi chú", "Note"),
        ),
        output=_with_rows("participants", ["product_name", "contracts", "sales_vnd"]),
        derive=_sales_field,
        rpc="RecordFairResult",
    ),
    Command(
        "join-channel",
        ("Chủ thể tham gia kênh phân phối", "A producer joins a sales channel"),
        ROLE,
        pb.JoinChannelRequest,
        (
            PRODUCER,
            Arg(
                "--type",
                "Loại kênh: supermarket, convenience_store, ecommerce, "
                "postal_ecommerce, own_shop, wholesale, export",
                "Channel type: supermarket, convenience_store, ecommerce, postal_ecommerce, "
                "own_shop, wholesale, export",
                required=True,
                field="channel_type",
            ),
            Arg("--partner", "Đối tác (siêu thị, sàn...)", "Partner", required=True),
            on("--since", "Từ ngày", "Since"),
            Arg("--until", "Đến ngày (dd/mm/yyyy)", "Until (dd/mm/yyyy)", type=day),
            Arg(
                "--product",
                "Sản phẩm OCOP bán qua kênh (lặp lại)",
                "Certified product sold there (repeat)",
                action="append",
                field="product_ids",
            ),
        ),
        output=_with_rows("channels", ["channel_id", "channel_type", "partner", "since", "until"]),
        rpc="JoinChannel",
    ),
    Command(
        "leave-channel",
        ("Chủ thể rời kênh phân phối", "A producer leaves a channel"),
        ROLE,
        pb.LeaveChannelRequest,
        (
            PRODUCER,
            Arg("--channel", "Mã kênh", "Channel id", required=True, field="channel_id"),
            on("--on", "Ngày cuối", "Last day"),
        ),
        output=_with_rows("channels", ["channel_id", "channel_type", "partner", "since", "until"]),
        rpc="LeaveChannel",
    ),
    Command(
        "link-chain",
        ("Liên kết chuỗi giá trị với vùng nguyên liệu", "Link a producer to a value chain"),
        ROLE,
        pb.LinkValueChainRequest,
        (
            PRODUCER,
            Arg(
                "--area-name",
                "Vùng nguyên liệu",
                "Raw-material area",
                required=True,
                field="raw_material_area",
            ),
            Arg("--area", "Diện tích", "Area", required=True),
            Arg(
                "--unit",
                "Đơn vị diện tích",
                "Area unit",
                default="ha",
                choices=("ha", "m2"),
                field="area_unit",
            ),
            Arg(
                "--partner-kind",
                "Loại đối tác",
                "Partner kind",
                required=True,
                choices=("cooperative_members", "households", "company", "cooperative"),
            ),
            Arg("--partner", "Đối tác", "Partner", required=True),
            Arg(
                "--contract",
                "Số hợp đồng liên kết",
                "Contract no.",
                required=True,
                field="contract_no",
            ),
            on("--since", "Từ ngày", "Since"),
            Arg("--until", "Đến ngày (dd/mm/yyyy)", "Until (dd/mm/yyyy)", type=day),
        ),
        output=_with_rows("value_chains", ["link_id", "raw_material_area", "area", "partner"]),
        rpc="LinkValueChain",
    ),
    Command(
        "end-chain",
        ("Kết thúc liên kết chuỗi", "End a value-chain link"),
        ROLE,
        pb.EndValueChainRequest,
        (
            PRODUCER,
            Arg("--link", "Mã liên kết", "Link id", required=True, field="link_id"),
            on("--on", "Ngày kết thúc", "Ended on"),
        ),
        output=_with_rows("value_chains", ["link_id", "raw_material_area", "since", "until"]),
        rpc="EndValueChain",
    ),
    Command(
        "campaign",
        ("Ghi nhận hoạt động truyền thông", "Record a communication campaign"),
        ROLE,
        pb.RecordCampaignRequest,
        (
            Arg("--title", "Nội dung", "Title", required=True),
            Arg(
                "--channel",
                "Kênh: radio, television, newspaper, website, social_media, leaflet, meeting",
                "Channel: radio, television, newspaper, website, social_media, leaflet, meeting",
                required=True,
            ),
            Arg("--audience", "Đối tượng", "Audience", required=True),
            on("--on", "Ngày thực hiện", "Held on", field="held_on"),
            ACTIVITY,
        ),
        rpc="RecordCampaign",
    ),
    Command(
        "training",
        ("Ghi nhận lớp đào tạo, tập huấn", "Record a training course"),
        ROLE,
        pb.RecordTrainingRequest,
        (
            Arg("--topic", "Chủ đề", "Topic", required=True),
            Arg("--organiser", "Đơn vị tổ chức", "Organiser", required=True),
            on("--from", "Từ ngày", "From", field="starts_on"),
            on("--to", "Đến ngày", "To", field="ends_on"),
            Arg(
                "--officials",
                "Số cán bộ tham gia",
                "Officials attending",
                type=int,
                default=0,
                field="",
            ),
            Arg(
                "--producers",
                "Số chủ thể tham gia",
                "Producers attending",
                type=int,
                default=0,
                field="",
            ),
            ACTIVITY,
        ),
        derive=_training_fields,
        rpc="RecordTraining",
    ),
    Command(
        "support",
        ("Ghi nhận hỗ trợ cho chủ thể", "Record support granted to a producer"),
        ROLE,
        pb.GrantSupportRequest,
        (
            PRODUCER,
            Arg(
                "--kind",
                "Nội dung: training, consulting, design, trade_fair, certification, equipment",
                "Kind: training, consulting, design, trade_fair, certification, equipment",
                required=True,
            ),
            Arg("--amount", "Số tiền (đồng)", "Amount (VND)", required=True, field=""),
            Arg(
                "--source",
                "Nguồn: ntp_new_rural, province_budget, district_budget, "
                "commune_budget, producer_own, other_lawful",
                "Funding source: ntp_new_rural, "
                "province_budget, district_budget, commune_budget, producer_own, other_lawful",
                required=True,
                field="funding_source",
            ),
            on("--on", "Ngày hỗ trợ", "Granted on", field="granted_on"),
            Arg("--budget-line", "Dòng kinh phí của kế hoạch", "The plan's budget line"),
            ACTIVITY,
            Arg("--note", "Ghi chú", "Note"),
        ),
        derive=_amount_field,
        rpc="GrantSupport",
    ),
    Command(
        "shares",
        (
            "Tỷ lệ chủ thể OCOP có kênh hiện đại, tham gia chuỗi giá trị vào một ngày",
            "Shares of OCOP producers in modern channels and value chains on a date",
        ),
        "auditor",
        pb.SharesRequest,
        (
            Arg(
                "--unit",
                "Mã địa bàn (mặc định: tất cả)",
                "Unit code (default: all)",
                field="jurisdiction",
            ),
            Arg(
                "--on",
                "Ngày (dd/mm/yyyy; mặc định: hôm nay)",
                "Date (dd/mm/yyyy; default: today)",
                type=day,
            ),
        ),
        output=_shares,
        actor=False,
        rpc="GetShares",
    ),
    Command(
        "history",
        ("Lịch sử xúc tiến thương mại của một chủ thể", "A producer's promotion history"),
        "auditor",
        pb.ProducerHistoryRequest,
        (Arg("producer_id", "Mã chủ thể", "Producer id"),),
        output=_with_rows("entries", ["on", "kind", "detail", "reason"], HISTORY_WORDS),
        actor=False,
        retry_not_found=True,
        rpc="GetProducerHistory",
    ),
)

GROUP = Group(
    "promotion",
    ("Xúc tiến thương mại, kênh phân phối, chuỗi giá trị OCOP", "OCOP trade promotion"),
    "promotion",
    pb_grpc.PromotionStub,
    COMMANDS,
    _record,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)
