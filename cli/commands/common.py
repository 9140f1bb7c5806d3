"""Arguments several command groups share, declared once."""

from __future__ import annotations

from cli.declare import Arg

DOSSIER = Arg("--dossier", "Mã hồ sơ", "Dossier id", required=True, field="dossier_id")
DOSSIER_ID = Arg("dossier_id", "Mã hồ sơ", "Dossier id")
PRODUCT_ID = Arg("product_id", "Mã sản phẩm", "Product id")
