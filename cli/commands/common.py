"""Arguments several command groups share, declared once."""

from __future__ import annotations

from cli.declare import Arg

DOSSIER = Arg("--dossier", "Mã hồ sơ", "Dossier id", required=True, field="dossier_id")
PRODUCER = Arg("--producer", "Mã chủ thể", "Producer id", required=True, field="producer_id")
PRODUCT = Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id")
DOSSIER_ID = Arg("dossier_id", "Mã hồ sơ", "Dossier id")
PRODUCT_ID = Arg("product_id", "Mã sản phẩm", "Product id")
SEARCH = Arg(
    "--search",
    "Tìm theo từ, không phân biệt hoa thường và dấu (ví dụ: ca phe dak ha)",
    "Search by words, ignoring case and diacritics (e.g. ca phe dak ha)",
    field="query",
)
