"""`ocop registration ...`: producers, products, dossiers, commune assessment."""

from __future__ import annotations

import argparse
from typing import Any

from cli.client import Client, actor
from cli.output import emit
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.text import nfc


def add(sub: Any) -> None:
    group = sub.add_parser(
        "registration", help="Đăng ký: chủ thể, sản phẩm, hồ sơ, đánh giá cấp xã"
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
    p.add_argument("--commune", required=True, help="Mã xã theo QĐ 19/2025, ví dụ 23284")
    p.add_argument("--legal-rep", required=True, help="Người đại diện theo pháp luật")
    p.add_argument("--brn", default="", help="Số đăng ký kinh doanh")
    p.add_argument("--sme", action="store_true", help="Doanh nghiệp nhỏ và vừa")
    p.set_defaults(func=register_producer, role="commune_officer")

    p = cmds.add_parser("register-product", help="Đăng ký sản phẩm")
    p.add_argument("--producer", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--set", type=int, required=True, dest="product_set", help="Bộ sản phẩm 1–26")
    p.set_defaults(func=register_product, role="commune_officer")

    p = cmds.add_parser("submit-dossier", help="Xã tiếp nhận hồ sơ đánh giá, phân hạng")
    p.add_argument("--product", required=True)
    p.add_argument("--kind", default="first", help="first | upgrade | re_evaluation")
    p.add_argument("--received-on", required=True, help="Ngày xã tiếp nhận, yyyy-mm-dd")
    p.set_defaults(func=submit_dossier, role="commune_officer")

    p = cmds.add_parser("assess", help="Xã đánh giá 4 tiêu chí (Mẫu 03) và chuyển hồ sơ")
    p.add_argument("--dossier", required=True)
    p.add_argument("--report-no", required=True)
    p.add_argument("--assessed-on", required=True, help="yyyy-mm-dd")
    for flag in ("local-raw-material", "local-labour", "idea-origin", "local-identity"):
        p.add_argument(f"--no-{flag}", action="store_true", help=f"Tiêu chí {flag}: không đạt")
    p.set_defaults(func=assess, role="commune_officer")

    p = cmds.add_parser("dossier", help="Xem hồ sơ")
    p.add_argument("dossier_id")
    p.set_defaults(func=show_dossier, role="auditor")


def _stub(client: Client) -> pb_grpc.RegistrationStub:
    return pb_grpc.RegistrationStub(client.channel("registration"))


def _actor(args: argparse.Namespace) -> Any:
    return actor(args.actor_id, args.role_override or args.role, args.jurisdiction)


def register_producer(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RegisterProducer,
        pb.RegisterProducerRequest(
            actor=_actor(args),
            name=nfc(args.name),
            kind=args.kind,
            is_sme=args.sme,
            business_registration_no=nfc(args.brn),
            commune_code=args.commune,
            legal_representative=nfc(args.legal_rep),
        ),
    )
    emit({"producer_id": reply.producer_id}, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def register_product(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RegisterProduct,
        pb.RegisterProductRequest(
            actor=_actor(args),
            producer_id=args.producer,
            name=nfc(args.name),
            product_set=args.product_set,
        ),
    )
    emit({"product_id": reply.product_id}, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def submit_dossier(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).SubmitDossier,
        pb.SubmitDossierRequest(
            actor=_actor(args),
            product_id=args.product,
            kind=args.kind,
            received_on=args.received_on,
        ),
    )
    emit({"dossier_id": reply.dossier_id}, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def assess(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).AssessDossier,
        pb.AssessDossierRequest(
            actor=_actor(args),
            dossier_id=args.dossier,
            report_no=nfc(args.report_no),
            assessed_on=args.assessed_on,
            local_raw_material=not args.no_local_raw_material,
            local_labour=not args.no_local_labour,
            idea_origin=not args.no_idea_origin,
            local_identity=not args.no_local_identity,
        ),
    )
    emit({"forwarded_to": reply.forwarded_to}, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def show_dossier(args: argparse.Namespace, client: Client) -> int:
    view = client.call(_stub(client).GetDossier, pb.GetDossierRequest(dossier_id=args.dossier_id))
    emit(
        {f.name: getattr(view, f.name) for f in view.DESCRIPTOR.fields},
        as_json=args.json,
        lang=args.lang,
    )
    return 0
