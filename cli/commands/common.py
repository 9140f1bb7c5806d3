"""Arguments several command groups share, declared once."""

from __future__ import annotations

from cli.declare import Arg

DOSSIER = Arg("--dossier", "Mã hồ sơ", "Dossier id", required=True, field="dossier_id")
DOSSIER_ID = Arg("dossier_id", "Mã hồ sơ", "Dossier id")
PRODUCT_ID = Arg("product_id", "Mã sản phẩm", "Product id")
SEARCH = Arg(
    "--search",
    "Tìm theo từ, không phân biệt hoa thường và dấu (ví dụ: ca phe dak ha)",
    "Search by words, ignoring case and diacritics (e.g. ca phe dak ha)",
    field="query",
)
