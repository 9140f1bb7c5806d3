"""Derive `kontum-portfolio.csv`, the Kon Tum register in the import template
(docs/operators/import.md), from `kontum-ocop-products.csv` (35 real products with
cited sources): `python -m system.demo_data.kontum_portfolio`.

Real: producer and product names, districts (and communes where a source names one),
stars, the two scores, the years. Made up for the demo and said so in each row's
`Ghi chú`: the decision numbers and days (no source ties a decision to a product: the
day is that of the provincial round the year names, 24/12/2020, 24/12/2021 or
28/06/2024; 2021 where no year is given), business-registration numbers (`99…`, a
prefix no province has), the star of the four rows without one (3; 4 for the two
"potential 5-star" ones, whose provincial certificate is not known), the product set
(derived from the name) and the commune where only the district is known (its
thị trấn or main ward, pre-July-2025 codes)."""

from __future__ import annotations

import csv
from pathlib import Path

from runtime.text import fold

HERE = Path(__file__).parent
SOURCE = HERE / "kontum-ocop-products.csv"
TARGET = HERE / "kontum-portfolio.csv"
HEADER = [
    "STT", "Tên chủ thể", "Loại hình chủ thể", "Số ĐKKD", "Người đại diện", "Địa chỉ",
    "Mã xã", "Mã xã cũ", "Tên sản phẩm", "Bộ sản phẩm", "Mã sản phẩm", "Hạng sao", "Điểm",
    "Số quyết định", "Ngày quyết định", "Cơ quan công nhận", "Số giấy chứng nhận",
    "Hiệu lực đến", "Ghi chú",
]  # fmt: skip
# Pre-July-2025 commune codes (services/registration/reference/legacy-units-vietnam.csv).
COMMUNES = {
    "phuong thong nhat": "23299",
    "xa te xang": "23446",
    "thi tran dak to": "23401",
    "xa dak ro wa": "23335",
    "xa ngoc bay": "23317",
    "xa dak hring": "23506",
    "xa dak pxi": "23503",
}
DISTRICTS = {  # the district's thị trấn (or main ward) where no commune is given
    "dak ha": "23500",
    "tu mo rong": "23425",
    "dak to": "23401",
    "kon plong": "23473",
    "sa thay": "23527",
    "thanh pho kon tum": "23293",
    "": "23293",
}
KINDS = {
    "enterprise": "Doanh nghiệp",
    "cooperative": "Hợp tác xã",
    "cooperative group": "Tổ hợp tác",
    "household business": "Hộ kinh doanh",
    "unknown": "Hộ kinh doanh",
}
SETS = (("ca phe", 13), ("ruou", 14), ("vang", 14), ("tra", 12), ("yen", 8), ("sam", 20))
DECISIONS = {  # year -> (decision number, day): made up, see above
    "2020": ("1456/QĐ-UBND", "24/12/2020"),
    "2021": ("1320/QĐ-UBND", "24/12/2021"),
    "2024": ("512/QĐ-UBND", "28/06/2024"),
}


def product_set(row: dict[str, str]) -> int:
    if row["product_group"] == "tourism":
        return 26
    name = fold(row["product_name"])
    return next((number for word, number in SETS if word in name), 7)


def main() -> None:
    with SOURCE.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    producers: dict[str, str] = {}
    out = []
    for number, row in enumerate(rows, start=1):
        producer = row["producer_name"] or f"Chủ thể chưa rõ của {row['product_name']}"
        brn = producers.setdefault(producer, f"99{len(producers) + 1:08d}")
        notes = ["dữ liệu mẫu: số quyết định, ngày quyết định, số ĐKKD"]
        star = row["stars"]
        if not star:
            star = "4" if row["score"] else "3"
            notes.append(f"hạng {star} sao giả định (nguồn không nêu hạng)")
        year = row["recognised_year"] or "2021"
        if not row["recognised_year"]:
            notes.append("năm giả định 2021")
        commune = COMMUNES.get(fold(row["commune"])) or DISTRICTS[fold(row["district"])]
        decision, day = DECISIONS[year]
        out.append(
            [
                number, producer, KINDS[row["producer_kind"]], brn, "(dữ liệu mẫu)",
                ", ".join(p for p in (row["commune"], row["district"], "tỉnh Kon Tum") if p),
                "", commune, row["product_name"], product_set(row), "", star, row["score"],
                decision, day, "UBND tỉnh Kon Tum", "", "", "; ".join(notes),
            ]
        )  # fmt: skip
    with TARGET.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(HEADER)
        writer.writerows(out)


if __name__ == "__main__":
    main()
