"""The inspection plan and visit pages against the inspection service's real gRPC
server: a quarter's plan generated through the form (a refusal at the day first), found
again by level, unit and day, a product scheduled from it (refused at the date left
out), a visit recorded with a finding, evidence and a remediation (refused at the
deadline left out), and the inspection among the open remediations."""

from __future__ import annotations

import urllib.request
import uuid
from datetime import date

from tests.console import Answer, Browser
from tests.unit.console.council_harness import Served, served, signed_in
from tests.unit.inspection.helpers import certified

__all__ = ["served"]
TEAM = "agriculture:Nguyễn Văn An\nhealth:Trần Thị Bình"


def multipart(
    browser: Browser, path: str, fields: dict[str, str], files: dict[str, bytes]
) -> Answer:
    """A multipart POST (a form with files) through the browser's cookies."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    for name, data in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; '
                f'filename="{name}"\r\nContent-Type: image/jpeg\r\n\r\n')  # fmt: skip
        parts.append(head.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    asked = urllib.request.Request(
        browser.base + path, data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    return browser._open(asked)


def test_a_plan_a_scheduled_inspection_and_a_remediation(served: Served) -> None:
    product = str(
        certified(served.edge.system.inspection.app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    )
    officer = signed_in(served.base, "so-nn")
    page = officer.get("/kiem-tra/ke-hoach")
    assert page.status == 200 and 'id="generate"' in page.body
    form = {"csrf_token": page.csrf(), "lead_agency": "agriculture", "team": TEAM}
    wrong = officer.post("/kiem-tra/ke-hoach", {**form, "on": "31/02/2025"})
    assert wrong.status == 422 and 'id="e-on"' in wrong.body and "31/02/2025" in wrong.body
    plan = officer.post("/kiem-tra/ke-hoach", {**form, "on": "01/10/2025"})
    assert plan.status == 200 and 'id="entries"' in plan.body and "Cà phê Đăk Hà" in plan.body
    assert "01/10/2025 – 31/12/2025" in plan.body and 'id="coverage">0 / 1<' in plan.body
    plan_url = plan.url.removeprefix(served.base)
    found = officer.get("/kiem-tra/ke-hoach?cap=province&don_vi=51&ngay=15/11/2025")
    assert found.url == plan.url
    missing = officer.get("/kiem-tra/ke-hoach?cap=province&don_vi=51&ngay=15/11/2030")
    assert missing.status == 422 and 'role="alert"' in missing.body
    schedule = {"csrf_token": plan.csrf(), "product_id": product, "lead_agency": "agriculture",
                "team": TEAM}  # fmt: skip
    refused = officer.post(f"{plan_url}/len-lich", schedule)
    assert refused.status == 422 and 'id="e-planned_on"' in refused.body
    assert '<details class="card action" id="len-lich" open>' in refused.body
    scheduled = officer.post(f"{plan_url}/len-lich", {**schedule, "planned_on": "05/11/2025"})
    assert scheduled.status == 200 and 'id="record"' in scheduled.body
    assert "05/11/2025" in scheduled.body and "Nguyễn Văn An" in scheduled.body
    visit_url = scheduled.url.removeprefix(served.base) + "/ghi-nhan"
    visit = {
        "csrf_token": scheduled.csrf(), "visited_on": "05/11/2025", "team": TEAM,
        "finding-mark_use": "not_ok", "note-mark_use": "Nhãn ghi sai hạng sao",
        "others_compliant": "1", "outcome": "remediation", "conclusion_no": "KL-05/2025",
        "follow_up_on": "05/12/2025",
    }  # fmt: skip
    no_deadline = multipart(officer, visit_url, visit, {"nhan.jpg": b"jpeg"})
    assert no_deadline.status == 422 and 'id="e-deadline"' in no_deadline.body
    assert "KL-05/2025" in no_deadline.body  # what was typed is kept
    done = multipart(officer, visit_url, {**visit, "deadline": "30/11/2025"}, {"nhan.jpg": b"jpeg"})
    assert done.status == 200 and "Đã ghi nhận lần kiểm tra." in done.body, done.body
    assert 'id="inspection-status">Khắc phục<' in done.body and "30/11/2025" in done.body
    assert "Nhãn ghi sai hạng sao" in done.body and "nhan.jpg" in done.body
    overview = officer.get("/kiem-tra")
    rows = overview.body.split('id="remediations"')[1].split("</table>")[0]
    assert "Cà phê Đăk Hà" in rows and "30/11/2025" in rows
    again = officer.get(plan_url)
    assert "Đã kiểm tra" in again.body and 'id="coverage">1 / 1<' in again.body
    later = certified(served.edge.system.inspection.app, "Mật ong rừng", on=date(2025, 10, 20))
    unknown = officer.post(f"{plan_url}/bo-sung", {"csrf_token": page.csrf(), "product_id": "x"})
    assert unknown.status == 422 and 'id="e-product_id"' in unknown.body
    added = officer.post(
        f"{plan_url}/bo-sung", {"csrf_token": page.csrf(), "product_id": str(later)}
    )
    assert "Mật ong rừng" in added.body.split('id="entries"')[1].split("</table>")[0]
