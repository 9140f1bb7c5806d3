"""`ocop evaluation ...`: rounds, councils, sheets, results, decisions, certificates."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from cli.client import Client, command_actor
from cli.output import LABELS, VALUES, emit, fail, message_record
from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc

# Words of this group's output, added to the shared tables without overriding them.
for _key, _words in {
    "round_id": ("Mã đợt", "Round id"),
    "level": ("Cấp", "Level"),
    "jurisdiction": ("Địa bàn", "Jurisdiction"),
    "forwarded_by": ("Hạn chuyển hồ sơ", "Cut-off"),
    "decided_by": ("Hạn quyết định", "Decision due by"),
    "source": ("Căn cứ", "Source"),
    "members": ("Hội đồng", "Council"),
    "member_id": ("Thành viên", "Member"),
    "total": ("Tổng điểm", "Total"),
    "submitted": ("Đã nộp phiếu", "Sheets in"),
    "conflicted": ("Xung đột lợi ích", "Conflicts of interest"),
    "mode": ("Hình thức", "Mode"),
    "sheets": ("Phiếu", "Sheets"),
    "mean": ("Điểm trung bình", "Mean"),
    "spread": ("Chênh lệch", "Spread"),
    "decided_on": ("Ngày quyết định", "Decided on"),
    "signer": ("Người ký", "Signer"),
    "authority": ("Cơ quan", "Authority"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "items": ("Sản phẩm", "Products"),
    "current": ("Giấy chứng nhận hiện hành", "Current certificate"),
    "certificates": ("Giấy chứng nhận", "Certificates"),
    "certificate_no": ("Số giấy chứng nhận", "Certificate no."),
    "forwarded_to": ("Chuyển đến cấp", "Forwarded to"),
    "returned_options": ("Lựa chọn khi bị trả về", "Options when returned"),
    "dossier_ids": ("Hồ sơ trong đợt", "Dossiers in the round"),
}.items():
    LABELS.setdefault(_key, _words)
for _value, _words in {
    "awaiting_decision": ("chờ quyết định công nhận", "awaiting the decision"),
    "awaiting_approval": ("chờ phê duyệt kết quả", "awaiting approval"),
    "returned": ("cấp trên trả về", "returned"),
    "rejected": ("bị loại", "rejected"),
    "not_upgraded": ("không nâng hạng", "not upgraded"),
    "meeting": ("họp Hội đồng", "council meeting"),
    "written": ("lấy ý kiến bằng văn bản", "written opinions"),
    "ministry": ("bộ", "ministry"),
    "valid": ("còn hiệu lực", "valid"),
    "expired": ("hết hiệu lực", "expired"),
    "revoked": ("đã thu hồi", "revoked"),
    "superseded": ("đã được thay thế", "superseded"),
}.items():
    VALUES.setdefault(_value, _words)


def _cmd(cmds: Any, name: str, help_: str, func: Any, role: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = cmds.add_parser(name, help=help_)
    p.set_defaults(func=func, role=role)
    return p


def add(sub: Any) -> None:  # noqa: PLR0915
    group = sub.add_parser("evaluation", help="Đánh giá, phân hạng: đợt, Hội đồng, quyết định")
    cmds = group.add_subparsers(dest="command", required=True)

    p = _cmd(cmds, "open-round", "Mở đợt đánh giá của một cấp", open_round, "province_officer")
    p.add_argument("--level", required=True, choices=("district", "province", "ministry"))
    p.add_argument("--unit", default="", help="Mã địa bàn của đợt (mặc định: --jurisdiction)")
    p.add_argument("--on", required=True, help="Ngày mở (yyyy-mm-dd)")

    p = _cmd(cmds, "appoint", "Bổ nhiệm thành viên Hội đồng", appoint, "province_officer")
    p.add_argument("--round", required=True)
    p.add_argument("--member", required=True, help="Mã người dùng của thành viên")
    p.add_argument("--name", default="")
    p.add_argument("--council-role", required=True, choices=("chair", "member", "secretary"))

    p = _cmd(cmds, "round", "Xem đợt đánh giá và Hội đồng", get_round, "auditor")
    p.add_argument("round_id")

    p = _cmd(cmds, "conflict", "Khai báo xung đột lợi ích", conflict, "council_member")
    p.add_argument("--dossier", required=True)
    p.add_argument("--member", required=True)
    p.add_argument("--reason", required=True)

    p = _cmd(cmds, "advisory", "Ghi kết quả của Tổ tư vấn", advisory, "council_secretary")
    p.add_argument("--dossier", required=True)
    p.add_argument("--kind", required=True, choices=("field_survey", "extra_test"))
    p.add_argument("--on", required=True)
    p.add_argument("--summary", required=True)

    p = _cmd(cmds, "submit-sheet", "Thành viên nộp phiếu chấm", submit_sheet, "council_member")
    p.add_argument("--dossier", required=True)
    p.add_argument("--sheet", type=Path, help="Tệp YAML/JSON: choices: {tiêu chí: phương án}")
    p.add_argument("--choice", action="append", default=[], help="tiêu chí=phương án")
    p.add_argument("--knockout", action="append", default=[])

    p = _cmd(cmds, "sheets", "Xem phiếu (sau khi đã nộp phiếu của mình)", sheets, "council_member")
    p.add_argument("--dossier", required=True)

    p = _cmd(cmds, "rescore", "Yêu cầu chấm lại", rescore, "council_secretary")
    p.add_argument("--dossier", required=True)
    p.add_argument("--member", action="append", default=[])
    p.add_argument("--reason", default="")

    p = _cmd(cmds, "convene-meeting", "Chuyển sang họp Hội đồng", convene, "council_secretary")
    p.add_argument("--dossier", required=True)

    p = _cmd(cmds, "adopt", "Hội đồng thông qua kết quả", adopt, "council_secretary")
    p.add_argument("--dossier", required=True)
    p.add_argument("--adopted-on", required=True)
    p.add_argument("--knockout", action="append", default=[])

    p = _cmd(cmds, "approve-forward", "Phê duyệt kết quả, chuyển cấp trên", approve, "authority")
    p.add_argument("--dossier", required=True)
    p.add_argument("--on", required=True)

    p = _cmd(cmds, "higher-result", "Ghi kết quả của cấp trên", higher, "province_officer")
    p.add_argument("--dossier", required=True)
    p.add_argument("--result", required=True, choices=("recognised", "returned"))
    p.add_argument("--score", required=True)
    p.add_argument("--star", type=int, default=0)
    p.add_argument("--decision-no", default="")
    p.add_argument("--decided-on", required=True)
    p.add_argument("--signer", default="")
    p.add_argument("--reason", default="")

    p = _cmd(
        cmds, "reevaluate", "Đánh giá lại hồ sơ cấp trên trả về", reevaluate, "province_officer"
    )
    p.add_argument("--dossier", required=True)

    p = _cmd(cmds, "decide", "Ban hành quyết định công nhận", decide, "authority")
    p.add_argument("--decision-no", required=True)
    p.add_argument("--decided-on", required=True)
    p.add_argument("--signer", required=True)
    p.add_argument("--dossier", action="append", required=True)

    p = _cmd(cmds, "certificates", "Giấy chứng nhận của sản phẩm", certificates, "auditor")
    p.add_argument("product_id")

    p = _cmd(cmds, "open-revocation", "Mở hồ sơ thu hồi", open_revocation, "province_officer")
    p.add_argument("--product", required=True)
    p.add_argument("--ground", required=True, help="a, b, c, d, dd, e (Điều 8.1)")
    p.add_argument("--reference", required=True)
    p.add_argument("--concluded-on", required=True)

    p = _cmd(cmds, "revoke", "Quyết định thu hồi giấy chứng nhận", revoke, "authority")
    p.add_argument("--product", required=True)
    p.add_argument("--decision-no", required=True)
    p.add_argument("--decided-on", required=True)
    p.add_argument("--signer", default="")

    p = _cmd(cmds, "show", "Xem kết quả đánh giá của một hồ sơ", show, "auditor")
    p.add_argument("dossier_id")


def _stub(client: Client) -> pb_grpc.EvaluationStub:
    return pb_grpc.EvaluationStub(client.channel("evaluation"))


def _emit(args: argparse.Namespace, message: Any) -> int:
    record = message_record(message)
    if args.quiet:
        print(next(iter(record.values()), ""))
        return 0
    flat = {k: (", ".join(map(_flat, v)) if isinstance(v, list) else v) for k, v in record.items()}
    emit(record if args.json else flat, as_json=args.json, lang=args.lang)
    return 0


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in value.items() if v not in ("", 0, None))
    return str(value)


def open_round(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).OpenRound,
        pb.OpenRoundRequest(
            actor=command_actor(args),
            level=args.level,
            jurisdiction=args.unit or args.jurisdiction,
            on=args.on,
        ),
    )
    return _emit(args, reply)


def appoint(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).AppointMember,
        pb.AppointMemberRequest(
            actor=command_actor(args),
            round_id=args.round,
            member_id=args.member,
            name=args.name,
            role=args.council_role,
        ),
    )
    return _emit(args, reply)


def get_round(args: argparse.Namespace, client: Client) -> int:
    return _emit(
        args, client.call(_stub(client).GetRound, pb.GetRoundRequest(round_id=args.round_id))
    )


def conflict(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).DeclareConflict,
        pb.DeclareConflictRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            member_id=args.member,
            reason=args.reason,
        ),
    )
    return _emit(args, reply)


def advisory(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RecordAdvisory,
        pb.RecordAdvisoryRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            kind=args.kind,
            on=args.on,
            summary=args.summary,
        ),
    )
    return _emit(args, reply)


def _read_sheet(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(document, dict) or not isinstance(document.get("choices"), dict):
        raise ValueError("the sheet file needs a 'choices' mapping (criterion: option)")
    return document


def submit_sheet(args: argparse.Namespace, client: Client) -> int:
    choices: dict[str, str] = {}
    knockouts = list(args.knockout)
    try:
        if args.sheet:
            document = _read_sheet(args.sheet)
            choices.update({str(k): str(v) for k, v in document["choices"].items()})
            knockouts += [str(k) for k in document.get("knockouts") or []]
        for item in args.choice:
            code, sep, option = item.partition("=")
            if not sep:
                raise ValueError(f"--choice {item!r}: expected criterion=option")
            choices[code.strip()] = option.strip()
    except (OSError, ValueError, yaml.YAMLError) as error:
        fail(f"sheet: {error}")
        return 2
    reply = client.call(
        _stub(client).SubmitSheet,
        pb.SubmitSheetRequest(
            actor=command_actor(args), dossier_id=args.dossier, choices=choices, knockouts=knockouts
        ),
        retry_not_found=True,
    )
    return _emit(args, reply)


def sheets(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).GetSheets,
        pb.GetSheetsRequest(actor=command_actor(args), dossier_id=args.dossier),
    )
    return _emit(args, reply)


def rescore(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RequestRescore,
        pb.RequestRescoreRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            members=args.member,
            reason=args.reason,
        ),
    )
    return _emit(args, reply)


def convene(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ConveneMeeting,
        pb.ConveneMeetingRequest(actor=command_actor(args), dossier_id=args.dossier),
    )
    return _emit(args, reply)


def adopt(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).AdoptResult,
        pb.AdoptResultRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            adopted_on=args.adopted_on,
            knockouts=args.knockout,
        ),
    )
    return _emit(args, reply)


def approve(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ApproveAndForward,
        pb.ApproveAndForwardRequest(actor=command_actor(args), dossier_id=args.dossier, on=args.on),
    )
    return _emit(args, reply)


def higher(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RecordHigherLevelResult,
        pb.RecordHigherLevelResultRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            result=args.result,
            score=args.score,
            star=args.star,
            decision_no=args.decision_no,
            decided_on=args.decided_on,
            signer=args.signer,
            reason=args.reason,
        ),
    )
    return _emit(args, reply)


def reevaluate(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).Reevaluate,
        pb.ReevaluateRequest(actor=command_actor(args), dossier_id=args.dossier),
    )
    return _emit(args, reply)


def decide(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).IssueDecision,
        pb.IssueDecisionRequest(
            actor=command_actor(args),
            decision_no=args.decision_no,
            decided_on=args.decided_on,
            signer=args.signer,
            dossier_ids=args.dossier,
        ),
    )
    return _emit(args, reply)


def certificates(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).GetCertificates,
        pb.GetCertificatesRequest(product_id=args.product_id),
        retry_not_found=True,
    )
    return _emit(args, reply)


def open_revocation(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).OpenRevocation,
        pb.OpenRevocationRequest(
            actor=command_actor(args),
            product_id=args.product,
            ground=args.ground,
            reference=args.reference,
            concluded_on=args.concluded_on,
        ),
    )
    return _emit(args, reply)


def revoke(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).DecideRevocation,
        pb.DecideRevocationRequest(
            actor=command_actor(args),
            product_id=args.product,
            decision_no=args.decision_no,
            decided_on=args.decided_on,
            signer=args.signer,
        ),
    )
    return _emit(args, reply)


def show(args: argparse.Namespace, client: Client) -> int:
    view = client.call(
        _stub(client).GetEvaluation,
        pb.GetEvaluationRequest(dossier_id=args.dossier_id),
        retry_not_found=True,
    )
    return _emit(args, view)
