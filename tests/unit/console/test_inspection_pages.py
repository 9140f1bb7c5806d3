"""The inspection pages against the inspection service's real gRPC server: an ad hoc
inspection opened through the form (a refusal at its field first) shows in the
product's history."""

from __future__ import annotations

from datetime import date

from tests.unit.console.council_harness import Served, served, signed_in
from tests.unit.inspection.helpers import certified

__all__ = ["served"]


def test_an_ad_hoc_inspection_from_the_form(served: Served) -> None:
    product = certified(
        served.edge.system.inspection.app, "Rượu cần Kon Plông", on=date(2026, 3, 2)
    )
    officer = signed_in(served.base, "so-nn")
    page = officer.get("/kiem-tra")
    assert page.status == 200 and "Đang khắc phục" in page.body
    fields = {
        "csrf_token": page.csrf(), "product_id": str(product), "trigger": "complaint",
        "note": "Đơn phản ánh nhãn sai", "lead_agency": "agriculture",
        "team": "agriculture:Nguyễn Văn An\nhealth:Trần Thị Bình",
    }  # fmt: skip
    wrong = officer.post("/kiem-tra/dot-xuat", {**fields, "planned_on": "32/13/2026"})
    assert wrong.status == 422 and 'id="e-planned_on"' in wrong.body
    opened = officer.post("/kiem-tra/dot-xuat", {**fields, "planned_on": "15/12/2026"})
    assert opened.status == 200 and "Đã mở kiểm tra đột xuất." in opened.body
    assert "15/12/2026" in opened.body and "Đột xuất" in opened.body
    assert "Đơn thư phản ánh" in opened.body  # the trigger, in words


def test_the_promotion_shares_and_showrooms(served: Served) -> None:
    officer = signed_in(served.base, "so-nn")
    page = officer.get("/xuc-tien?ngay=30/06/2026")
    assert page.status == 200 and 'id="shares"' in page.body and "Chủ thể OCOP" in page.body
    assert "30/06/2026" in page.body and 'id="showrooms"' in page.body
    refused = officer.get("/xuc-tien?ngay=31/02/2026")
    assert 'class="alert"' in refused.body and 'id="shares"' not in refused.body
