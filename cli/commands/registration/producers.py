"""Producers (chủ thể) and their products: registration and views."""

from __future__ import annotations

from cli.commands.common import PRODUCER, PRODUCT_ID
from cli.declare import Arg, Command
from contracts.rpc import registration_pb2 as pb
from runtime.text import nfc

OFFICER = "commune_officer"
KINDS = "cooperative | cooperative_group | enterprise | farm | household_business | association"

REGISTER_PRODUCER = Command(
    "register-producer",
    ("Đăng ký chủ thể OCOP", "Register an OCOP producer"),
    OFFICER,
    pb.RegisterProducerRequest,
    (
        Arg("--name", "Tên chủ thể", "The producer's name", required=True, type=nfc),
        Arg("--kind", KINDS, KINDS, required=True),
        Arg(
            "--commune",
            "Mã xã theo QĐ 19/2025, ví dụ 23500",
            "Commune code under QĐ 19/2025, e.g. 23500",
            field="commune_code",
        ),
        Arg(
            "--legacy-commune",
            "Mã xã trước 01/7/2025 (bộ quy tắc R1)",
            "Commune code before 01/07/2025 (rule set R1)",
            field="legacy_commune_code",
        ),
        Arg(
            "--legal-rep",
            "Người đại diện theo pháp luật",
            "Legal representative",
            required=True,
            type=nfc,
            field="legal_representative",
        ),
        Arg(
            "--gender",
            "female | male | other (dữ liệu cá nhân)",
            "female | male | other (personal data)",
            field="legal_rep_gender",
        ),
        Arg(
            "--ethnicity",
            "Dân tộc (dữ liệu cá nhân)",
            "Ethnicity (personal data)",
            type=nfc,
            field="legal_rep_ethnicity",
        ),
        Arg(
            "--disability",
            "Người khuyết tật",
            "Person with a disability",
            action="store_true",
            field="legal_rep_disability",
        ),
        Arg("--address", "Địa chỉ", "Address", type=nfc),
        Arg(
            "--brn",
            "Số đăng ký kinh doanh",
            "Business registration number",
            type=nfc,
            field="business_registration_no",
        ),
        Arg(
            "--account",
            "Tài khoản đăng nhập của chủ thể (được thao tác trên hồ sơ của mình)",
            "The producer's own sign-in (may then act on its own records)",
        ),
        Arg(
            "--sme",
            "Doanh nghiệp nhỏ và vừa",
            "Small or medium enterprise",
            action="store_true",
            field="is_sme",
        ),
    ),
)

REGISTER_PRODUCT = Command(
    "register-product",
    ("Đăng ký sản phẩm", "Register a product"),
    OFFICER,
    pb.RegisterProductRequest,
    (
        Arg("--producer", "Mã chủ thể", "Producer id", field="producer_id"),
        Arg(
            "--idea",
            "Ý tưởng có phương án đã được duyệt",
            "An idea whose business plan is approved",
            field="idea_id",
        ),
        Arg("--name", "Tên sản phẩm", "Product name", type=nfc),
        Arg(
            "--set",
            "Bộ sản phẩm 1–26",
            "Product set 1–26",
            type=int,
            dest="product_set",
            default=0,
        ),
        Arg(
            "--legacy-code",
            "Mã sản phẩm đã có (T-H-X-STT-Năm)",
            "Existing product code (T-H-X-No-Year)",
        ),
    ),
)

SHOW_PRODUCER = Command(
    "producer",
    ("Xem chủ thể", "Show a producer"),
    "auditor",
    pb.GetProducerRequest,
    (Arg("producer_id", "Mã chủ thể", "Producer id"),),
    actor=False,
)

ERASE_PERSONAL_DATA = Command(
    "erase-personal-data",
    (
        "Xoá dữ liệu cá nhân của chủ thể (huỷ khoá, Luật 91/2025/QH15)",
        "Erase a producer's personal data (its key destroyed, Law 91/2025/QH15)",
    ),
    "commune_committee",
    pb.ErasePersonalDataRequest,
    (
        PRODUCER,
        Arg(
            "--reference",
            "Số văn bản yêu cầu xoá (không ghi dữ liệu cá nhân)",
            "The erasure request's document number (no personal data)",
            type=nfc,
        ),
    ),
)

SHOW_PRODUCT = Command(
    "product",
    ("Xem sản phẩm và các mã số", "Show a product and its codes"),
    "auditor",
    pb.GetProductRequest,
    (PRODUCT_ID,),
    actor=False,
)
