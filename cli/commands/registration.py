"""`ocop registration ...`: producers, ideas and business plans, products, dossiers,
documents, the commune assessment (form 03) and the forwarding."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from cli.client import Client, command_actor
from cli.output import emit, emit_table, message_record
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.text import nfc

CHUNK = 1024 * 1024
OFFICER = "commune_officer"


def add(sub: Any) -> None:  # noqa: PLR0915 -- one parser per command, declared in one place
    group = sub.add_parser(
        "registration", help="Đăng ký: chủ thể, ý tưởng, sản phẩm, hồ sơ, đánh giá cấp xã"
    )
    cmds = group.add_subparsers(dest="command", required=True)

    p = cmds.add_parser("register-producer", help="Đăng ký chủ thể OCOP")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--kind",
        required=True,
        help="cooperative | cooperative_group | enterprise | farm | household_business"
        " | association",
    )
    p.add_argument("--commune", default="", help="Mã xã theo QĐ 19/2025, ví dụ 23500")
    p.add_argument("--legacy-commune", default="", help="Mã xã trước 01/7/2025 (bộ quy tắc R1)")
    p.add_argument("--legal-rep", required=True, help="Người đại diện theo pháp luật")
    p.add_argument("--gender", default="", help="female | male | other (dữ liệu cá nhân)")
    p.add_argument("--ethnicity", default="", help="Dân tộc (dữ liệu cá nhân)")
    p.add_argument("--disability", action="store_true", help="Người khuyết tật")
    p.add_argument("--address", default="")
    p.add_argument("--brn", default="", help="Số đăng ký kinh doanh")
    p.add_argument("--sme", action="store_true", help="Doanh nghiệp nhỏ và vừa")
    p.set_defaults(func=register_producer, role=OFFICER)

    p = cmds.add_parser("register-idea", help="Bước 2: đăng ký ý tưởng sản phẩm")
    p.add_argument("--producer", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--set", type=int, required=True, dest="product_set", help="Bộ sản phẩm 1–26")
    p.add_argument("--description", default="")
    p.add_argument("--on", required=True, help="Ngày nộp, yyyy-mm-dd")
    p.set_defaults(func=register_idea, role=OFFICER)

    for action, help_text, extra in (
        ("accept-idea", "Chấp nhận ý tưởng", None),
        ("return-idea", "Trả lại ý tưởng (kèm lý do)", "--reason"),
        ("resubmit-idea", "Nộp lại ý tưởng đã bị trả", "--text"),
        ("submit-plan", "Bước 3: nộp phương án sản xuất kinh doanh", "--text"),
        ("approve-plan", "Duyệt phương án (bắt đầu bước 4)", None),
        ("return-plan", "Trả lại phương án (kèm lý do)", "--reason"),
    ):
        p = cmds.add_parser(action, help=help_text)
        p.add_argument("--idea", required=True)
        p.add_argument("--on", required=True, help="yyyy-mm-dd")
        if extra:
            p.add_argument(extra, required=extra == "--reason", default="")
        p.set_defaults(func=advance_idea, role=OFFICER, action=action)

    p = cmds.add_parser("ideas", help="Ý tưởng và phương án (bước 2–4) đang ở đâu")
    p.add_argument("--producer", default="")
    p.set_defaults(func=list_ideas, role="auditor")

    p = cmds.add_parser("register-product", help="Đăng ký sản phẩm")
    p.add_argument("--producer", default="")
    p.add_argument("--idea", default="", help="Ý tưởng có phương án đã được duyệt")
    p.add_argument("--name", default="")
    p.add_argument("--set", type=int, default=0, dest="product_set", help="Bộ sản phẩm 1–26")
    p.add_argument("--legacy-code", default="", help="Mã sản phẩm đã có (T-H-X-STT-Năm)")
    p.set_defaults(func=register_product, role=OFFICER)

    p = cmds.add_parser("submit-dossier", help="Xã tiếp nhận hồ sơ (Mẫu 01)")
    p.add_argument("--product", required=True)
    p.add_argument("--kind", default="first", help="first | upgrade | re_evaluation")
    p.add_argument("--received-on", required=True, help="Ngày xã tiếp nhận, yyyy-mm-dd")
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--changes", default="", help="Nâng hạng: thay đổi so với sản phẩm cũ")
    p.add_argument("--declared-samples", type=int, default=0)
    p.set_defaults(func=submit_dossier, role=OFFICER)

    p = cmds.add_parser("self-assess", help="Tự đánh giá theo phiếu của bộ sản phẩm (Mẫu 02)")
    p.add_argument("--dossier", required=True)
    p.add_argument("--choice", action="append", default=[], help="tiêu chí=phương án, ví dụ 1.1=3")
    p.add_argument(
        "--file",
        default="",
        help='JSON {"1.1": "3", …} hoặc {"1.1": {"option": "3", "evidence": […]}}',
    )
    p.set_defaults(func=self_assess, role="producer")

    p = cmds.add_parser("attach", help="Đính kèm tài liệu (PDF, JPEG, PNG, DOCX, XLSX; ≤ 20 MiB)")
    p.add_argument("--dossier", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--category", default="other", help="form_02, lab_test, quality_declaration…")
    p.set_defaults(func=attach, role="producer")

    p = cmds.add_parser("receive", help="Xã nhận bản giấy và/hoặc mẫu sản phẩm")
    p.add_argument("--dossier", required=True)
    p.add_argument("--paper-copy", action="store_true")
    p.add_argument("--samples", type=int, default=0)
    p.add_argument("--on", required=True, help="yyyy-mm-dd")
    p.set_defaults(func=receive, role=OFFICER)

    p = cmds.add_parser("return-dossier", help="Trả hồ sơ để bổ sung (giữ nguyên mã hồ sơ)")
    p.add_argument("--dossier", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--on", required=True, help="yyyy-mm-dd")
    p.set_defaults(func=return_dossier, role=OFFICER)

    p = cmds.add_parser("resubmit-dossier", help="Nhận lại hồ sơ đã bổ sung")
    p.add_argument("--dossier", required=True)
    p.add_argument("--received-on", required=True)
    p.set_defaults(func=resubmit_dossier, role=OFFICER)

    p = cmds.add_parser("assess", help="Xã đánh giá 4 tiêu chí (Mẫu 03)")
    p.add_argument("--dossier", required=True)
    p.add_argument("--report-no", required=True)
    p.add_argument("--assessed-on", required=True, help="yyyy-mm-dd")
    p.add_argument("--officer", default="", help="Cán bộ đánh giá (mặc định: người thực hiện)")
    for flag in ("local-raw-material", "local-labour", "idea-origin", "local-identity"):
        p.add_argument(f"--no-{flag}", action="store_true", help=f"Tiêu chí {flag}: không đạt")
    p.set_defaults(func=assess, role=OFFICER)

    p = cmds.add_parser("forward", help="Chuyển hồ sơ đã đánh giá lên cấp đánh giá")
    p.add_argument("--dossier", required=True)
    p.add_argument("--forwarded-on", required=True, help="yyyy-mm-dd")
    p.set_defaults(func=forward, role=OFFICER)

    p = cmds.add_parser("dossier", help="Xem hồ sơ (thiếu gì, hạn xử lý, thay đổi)")
    p.add_argument("dossier_id")
    p.set_defaults(func=show_dossier, role="auditor")

    p = cmds.add_parser("dossiers", help="Danh sách hồ sơ; --overdue: quá hạn xử lý của xã")
    p.add_argument("--commune", default="")
    p.add_argument("--overdue", action="store_true")
    p.set_defaults(func=list_dossiers, role="auditor")

    p = cmds.add_parser("producer", help="Xem chủ thể")
    p.add_argument("producer_id")
    p.set_defaults(func=show_producer, role="auditor")

    p = cmds.add_parser("product", help="Xem sản phẩm và các mã số")
    p.add_argument("product_id")
    p.set_defaults(func=show_product, role="auditor")


def _stub(client: Client) -> pb_grpc.RegistrationStub:
    return pb_grpc.RegistrationStub(client.channel("registration"))


def _show(args: argparse.Namespace, message: Any) -> int:
    record = message_record(message)
    if not args.json:
        record = {k: _flat(v) for k, v in record.items()}
    emit(record, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def _flat(value: Any) -> Any:
    """Lists as one line for people ("-" when empty); JSON keeps them as lists."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "-"
    return value


def register_producer(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RegisterProducer,
        pb.RegisterProducerRequest(
            actor=command_actor(args),
            name=nfc(args.name),
            kind=args.kind,
            is_sme=args.sme,
            business_registration_no=nfc(args.brn),
            commune_code=args.commune,
            legacy_commune_code=args.legacy_commune,
            legal_representative=nfc(args.legal_rep),
            legal_rep_gender=args.gender,
            legal_rep_ethnicity=nfc(args.ethnicity),
            legal_rep_disability=args.disability,
            address=nfc(args.address),
        ),
    )
    return _show(args, reply)


def register_idea(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RegisterIdea,
        pb.RegisterIdeaRequest(
            actor=command_actor(args),
            producer_id=args.producer,
            name=nfc(args.name),
            product_set=args.product_set,
            description=nfc(args.description),
            submitted_on=args.on,
        ),
    )
    return _show(args, reply)


def advance_idea(args: argparse.Namespace, client: Client) -> int:
    action = args.action.replace("-idea", "").replace("-", "_")
    reply = client.call(
        _stub(client).AdvanceIdea,
        pb.AdvanceIdeaRequest(
            actor=command_actor(args),
            idea_id=args.idea,
            action=action,
            on=args.on,
            reason=nfc(getattr(args, "reason", "")),
            text=nfc(getattr(args, "text", "")),
        ),
    )
    return _show(args, reply)


def list_ideas(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(_stub(client).ListIdeas, pb.ListIdeasRequest(producer_id=args.producer))
    rows: list[Mapping[str, Any]] = [message_record(i) for i in reply.ideas]
    emit_table(
        rows,
        ["idea_id", "name", "product_set", "status", "reason"],
        as_json=args.json,
        lang=args.lang,
    )
    return 0


def register_product(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RegisterProduct,
        pb.RegisterProductRequest(
            actor=command_actor(args),
            producer_id=args.producer,
            idea_id=args.idea,
            name=nfc(args.name),
            product_set=args.product_set,
            legacy_code=args.legacy_code,
        ),
    )
    return _show(args, reply)


def submit_dossier(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).SubmitDossier,
        pb.SubmitDossierRequest(
            actor=command_actor(args),
            product_id=args.product,
            kind=args.kind,
            received_on=args.received_on,
            contact_phone=args.phone,
            contact_email=args.email,
            changes_summary=nfc(args.changes),
            declared_samples=args.declared_samples,
        ),
    )
    return _show(args, reply)


def self_assess(args: argparse.Namespace, client: Client) -> int:
    scores: dict[str, pb.SelfScore] = {}
    if args.file:
        for code, entry in json.loads(Path(args.file).read_text(encoding="utf-8")).items():
            if isinstance(entry, dict):
                scores[code] = pb.SelfScore(
                    criterion=code,
                    option=str(entry["option"]),
                    evidence=entry.get("evidence", []),
                )
            else:
                scores[code] = pb.SelfScore(criterion=code, option=str(entry))
    for choice in args.choice:
        code, _, option = choice.partition("=")
        scores[code] = pb.SelfScore(criterion=code, option=option)
    reply = client.call(
        _stub(client).RecordSelfAssessment,
        pb.RecordSelfAssessmentRequest(
            actor=command_actor(args), dossier_id=args.dossier, scores=list(scores.values())
        ),
    )
    return _summary(args, reply)


def attach(args: argparse.Namespace, client: Client) -> int:
    path = Path(args.file)
    data = path.read_bytes()

    def chunks() -> Iterator[pb.DocumentChunk]:
        yield pb.DocumentChunk(
            actor=command_actor(args),
            dossier_id=args.dossier,
            name=nfc(path.name),
            category=args.category,
            data=data[:CHUNK],
        )
        for start in range(CHUNK, len(data), CHUNK):
            yield pb.DocumentChunk(data=data[start : start + CHUNK])

    reply = client.call(_stub(client).AttachDocument, chunks())
    return _show(args, reply)


def receive(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ReceiveAtCommune,
        pb.ReceiveAtCommuneRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            paper_copy=args.paper_copy,
            samples=args.samples,
            received_on=args.on,
        ),
    )
    return _summary(args, reply)


def return_dossier(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ReturnDossier,
        pb.ReturnDossierRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            reason=nfc(args.reason),
            returned_on=args.on,
        ),
    )
    return _summary(args, reply)


def resubmit_dossier(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ResubmitDossier,
        pb.ResubmitDossierRequest(
            actor=command_actor(args), dossier_id=args.dossier, received_on=args.received_on
        ),
    )
    return _summary(args, reply)


def assess(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).AssessDossier,
        pb.AssessDossierRequest(
            actor=command_actor(args),
            dossier_id=args.dossier,
            report_no=nfc(args.report_no),
            assessed_on=args.assessed_on,
            officer=nfc(args.officer),
            local_raw_material=not args.no_local_raw_material,
            local_labour=not args.no_local_labour,
            idea_origin=not args.no_idea_origin,
            local_identity=not args.no_local_identity,
        ),
    )
    return _show(args, reply)


def forward(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ForwardDossier,
        pb.ForwardDossierRequest(
            actor=command_actor(args), dossier_id=args.dossier, forwarded_on=args.forwarded_on
        ),
    )
    return _show(args, reply)


def _summary(args: argparse.Namespace, view: pb.DossierView) -> int:
    """A dossier after a change: its status and what it still lacks."""
    record = {
        "dossier_id": view.dossier_id,
        "status": view.status,
        "self_assessed": f"{view.self_assessed}/{view.criteria_on_sheet}",
        "samples": view.samples,
        "missing": list(view.missing) if args.json else _flat(list(view.missing)),
    }
    emit(record, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def show_dossier(args: argparse.Namespace, client: Client) -> int:
    view = client.call(_stub(client).GetDossier, pb.GetDossierRequest(dossier_id=args.dossier_id))
    if args.json or args.quiet:
        return _show(args, view)
    record = {
        "dossier_id": view.dossier_id,
        "product_code": view.product_code,
        "product_set": view.product_set,
        "kind": view.kind,
        "status": view.status,
        "rule_set_id": view.rule_set_id,
        "received_on": view.received_on,
        "check_deadline": view.check_deadline,
        "overdue": ("có" if args.lang == "vi" else "yes") if view.overdue else "",
        "self_assessed": f"{view.self_assessed}/{view.criteria_on_sheet}",
        "documents": "; ".join(
            f"{d.name} ({d.media_type}, {d.size} B, sha256 {d.sha256[:12]}…)"
            for d in view.documents
        ),
        "paper_copy_received_on": view.paper_copy_received_on,
        "samples": view.samples,
        "missing": "; ".join(view.missing) or "-",
        "returns": "; ".join(view.returns),
        "changes": "; ".join(f"{c.criterion}: {c.before} → {c.after}" for c in view.changes),
        "assessed_on": view.assessed_on,
        "report_no": view.report_no,
        "forwarded_to": view.forwarded_to,
        "forwarded_on": view.forwarded_on,
    }
    emit(record, as_json=False, lang=args.lang)
    return 0


def list_dossiers(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).ListDossiers,
        pb.ListDossiersRequest(commune_code=args.commune, overdue_only=args.overdue),
    )
    record = {
        "overdue": reply.overdue,
        "dossiers": [
            {
                "dossier_id": d.dossier_id,
                "product_code": d.product_code,
                "status": d.status,
                "received_on": d.received_on,
                "check_deadline": d.check_deadline,
                "overdue": d.overdue,
            }
            for d in reply.dossiers
        ],
    }
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    label = "Quá hạn" if args.lang == "vi" else "Overdue"
    total = "" if args.overdue else f" / {len(reply.dossiers)}"
    print(f"{label}: {reply.overdue}{total}")
    for d in record["dossiers"]:
        print("  ".join(str(v) for v in d.values()))
    return 0


def show_producer(args: argparse.Namespace, client: Client) -> int:
    view = client.call(
        _stub(client).GetProducer, pb.GetProducerRequest(producer_id=args.producer_id)
    )
    return _show(args, view)


def show_product(args: argparse.Namespace, client: Client) -> int:
    view = client.call(_stub(client).GetProduct, pb.GetProductRequest(product_id=args.product_id))
    return _show(args, view)
