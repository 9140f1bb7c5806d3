"""The promotion pages against the promotion service's real gRPC server, as a district
economy office of their own: the year's plan adopted (a malformed budget line refused at
its field first), an activity added (an unknown kind refused at `kind`) and done; a
showroom opened, an uncertified product refused at `product_id`, a certified one
displayed and taken down; a fair with a participant and its results; a producer's
supermarket channel, value chain and support, then its history; a campaign and a
training; the shares that count the channel."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.console import Browser
from tests.unit.console.council_harness import PASSWORD, Served, served, signed_in
from tests.unit.promotion.helpers import DISTRICT, producer, product

__all__ = ["served"]


@pytest.fixture(scope="module")
def office(served: Served) -> Browser:
    issuer = served.edge.system.issuer
    assert issuer is not None
    issuer.accounts.add("phong-kt-console", PASSWORD, ("economy_office",), DISTRICT)
    return signed_in(served.base, "phong-kt-console")


def test_the_years_plan(office: Browser) -> None:
    page = office.get("/xuc-tien/ke-hoach?nam=2025")
    assert page.status == 200 and 'id="no-plan"' in page.body and 'id="adopt"' in page.body
    form = {"csrf_token": page.csrf(), "year": "2025", "title": "Kế hoạch XTTM 2025",
            "activities": "HD1:showroom:KP1:Điểm bán OCOP"}  # fmt: skip
    bad = office.post("/xuc-tien/ke-hoach", {**form, "budget_lines": "KP1:50000000"})
    assert bad.status == 422 and 'id="e-budget_lines"' in bad.body
    good = "KP1:50.000.000:district_budget:Ngân sách huyện"
    plan = office.post("/xuc-tien/ke-hoach", {**form, "budget_lines": good})
    assert plan.status == 200 and "Đã lưu." in plan.body and "50.000.000 đ" in plan.body
    assert 'id="activity-HD1"' in plan.body
    add = {"csrf_token": plan.csrf(), "code": "HD2", "title": "Hội chợ tỉnh", "budget_line": "KP1",
           "budget_vnd": "10000000", "lead_unit": "economy_infrastructure"}  # fmt: skip
    wrong = office.post("/xuc-tien/ke-hoach/2025/hoat-dong", {**add, "kind": "chợ phiên"})
    assert wrong.status == 422 and 'id="e-kind"' in wrong.body
    assert '<details class="card action" id="hoat-dong" open>' in wrong.body
    added = office.post("/xuc-tien/ke-hoach/2025/hoat-dong", {**add, "kind": "fair"})
    assert 'id="activity-HD2"' in added.body and "Hội chợ, triển lãm" in added.body
    done = office.post(
        "/xuc-tien/ke-hoach/2025/hoan-thanh", {"csrf_token": page.csrf(), "code": "HD1"}
    )
    row = done.body.split('id="activity-HD1"')[1].split("</tr>")[0]
    assert "Đã hoàn thành" in row
    again = office.post(
        "/xuc-tien/ke-hoach/2025/hoan-thanh", {"csrf_token": page.csrf(), "code": "HD1"}
    )
    assert again.status == 422 and 'id="e-code"' in again.body


def test_a_showroom_and_a_fair(served: Served, office: Browser) -> None:
    app = served.edge.system.promotion.app
    maker = producer(app)
    certified = product(app, maker, "Cà phê bột Đăk Hà", certified_on=date(2024, 6, 14))
    uncertified = product(app, maker, "Mật ong", certified_on=None)
    page = office.get("/xuc-tien/diem-ban")
    opened = office.post("/xuc-tien/diem-ban", {
        "csrf_token": page.csrf(), "name": "Điểm bán OCOP Đăk Hà", "address": "Thị trấn Đăk Hà",
        "commune_code": "23455", "province_code": "62", "district_code": DISTRICT,
        "operator": "HTX Đăk Hà",
        "opened_on": "01/03/2025",
    })  # fmt: skip
    assert opened.status == 200 and 'id="showroom"' in opened.body, opened.body
    room = opened.url.removeprefix(office.base)
    display = {"csrf_token": page.csrf(), "since": "02/03/2025"}
    refused = office.post(f"{room}/trung-bay", {**display, "product_id": str(uncertified)})
    assert refused.status == 422 and 'id="e-product_id"' in refused.body
    shown = office.post(f"{room}/trung-bay", {**display, "product_id": str(certified)})
    assert "Cà phê bột Đăk Hà" in shown.body.split('id="displayed"')[1].split("</table>")[0]
    down = office.post(f"{room}/rut", {"csrf_token": page.csrf(), "product_id": str(certified),
                                       "on": "01/04/2025"})  # fmt: skip
    assert 'id="displayed"' not in down.body and "Đơn vị vận hành rút sản phẩm" in down.body
    closed = office.post(f"{room}/dong-cua", {"csrf_token": page.csrf(), "closed_on": "30/06/2025"})
    assert 'id="closed-on">30/06/2025<' in closed.body and 'id="trung-bay"' not in closed.body
    listed = office.get("/xuc-tien/diem-ban?q=dak+ha&tat_ca=1")  # closed ones too
    assert "Điểm bán OCOP Đăk Hà" in listed.body
    fair = office.post("/xuc-tien/hoi-cho", {
        "csrf_token": page.csrf(), "name": "Hội chợ OCOP Kon Tum", "place": "inside",
        "location": "TP Kon Tum", "starts_on": "10/05/2025", "ends_on": "14/05/2025",
        "organiser": "Sở Công Thương",
    })  # fmt: skip
    fair_id = re.search(r'id="fair-id">([^<]+)<', fair.body)
    assert fair.status == 200 and fair_id, fair.body
    base = f"/xuc-tien/hoi-cho/{fair_id[1]}"
    took = office.post(
        f"{base}/tham-gia", {"csrf_token": page.csrf(), "product_id": str(certified)}
    )
    assert 'id="participants"' in took.body
    sold = {"product_id": str(certified), "contracts": "2", "sales_vnd": "15000000"}
    result = office.post(f"{base}/ket-qua", {"csrf_token": page.csrf(), **sold})
    assert "15.000.000 đ" in result.body


def test_a_producers_channel_chain_support_and_history(served: Served, office: Browser) -> None:
    app = served.edge.system.promotion.app
    maker = producer(app, "HTX Sâm Ngọc Linh")
    item = product(app, maker, "Sâm Ngọc Linh", certified_on=date(2024, 6, 14))
    url = f"/xuc-tien/chu-the/{maker}"
    page = office.get(url)
    assert page.status == 200 and 'id="history"' in page.body
    join = {"csrf_token": page.csrf(), "partner": "Co.opmart Kon Tum", "since": "01/07/2025",
            "product_ids": str(item)}  # fmt: skip
    bad = office.post(f"{url}/kenh", {**join, "channel_type": "chợ phiên"})
    assert bad.status == 422 and 'id="e-channel_type"' in bad.body
    joined = office.post(f"{url}/kenh", {**join, "channel_type": "supermarket"})
    assert "Tham gia kênh" in joined.body and "Co.opmart Kon Tum" in joined.body
    chain = office.post(f"{url}/chuoi", {
        "csrf_token": page.csrf(), "raw_material_area": "Xã Ngọc Linh", "area": "12.5",
        "area_unit": "ha", "partner_kind": "households", "partner": "Hộ dân Ngọc Linh",
        "since": "01/07/2025",
    })  # fmt: skip
    assert "Liên kết chuỗi giá trị" in chain.body.split('id="history-rows"')[1]
    support = office.post(f"{url}/ho-tro", {
        "csrf_token": page.csrf(), "kind": "design", "amount_vnd": "5000000",
        "funding_source": "district_budget", "granted_on": "15/07/2025",
    })  # fmt: skip
    assert "Được hỗ trợ" in support.body
    channel = ref_of(support.body, "Tham gia kênh")
    link = ref_of(support.body, "Liên kết chuỗi giá trị")
    on = {"csrf_token": page.csrf(), "on": "31/12/2025"}
    left = office.post(f"{url}/roi-kenh", {**on, "channel_id": channel})
    assert "Rời kênh" in left.body, left.body
    ended = office.post(f"{url}/ket-thuc-chuoi", {**on, "link_id": link})
    assert "Kết thúc liên kết" in ended.body
    shares = office.get(f"/xuc-tien?ngay=31/07/2025&don_vi={DISTRICT}")
    assert 'id="shares"' in shares.body


def ref_of(page: str, kind: str) -> str:
    """The Ref of the history's first row of `kind`."""
    row = next(r for r in page.split("<tr>") if f">{kind}<" in r)
    found = re.search(r"<code>([^<]+)</code>", row)
    assert found, row
    return found[1]


def test_a_campaign_and_a_training(office: Browser) -> None:
    page = office.get("/xuc-tien/truyen-thong")
    assert page.status == 200 and 'id="chien-dich"' in page.body and 'id="dao-tao"' in page.body
    campaign = {"csrf_token": page.csrf(), "title": "Giới thiệu sản phẩm OCOP",
                "channel": "radio", "audience": "Người dân"}  # fmt: skip
    undated = office.post("/xuc-tien/truyen-thong/chien-dich", campaign)
    assert undated.status == 422 and 'id="e-held_on"' in undated.body
    held = office.post("/xuc-tien/truyen-thong/chien-dich", {**campaign, "held_on": "20/06/2025"})
    assert held.status == 200 and "Đã ghi nhận, mã" in held.body
    course = office.post("/xuc-tien/truyen-thong/dao-tao", {
        "csrf_token": page.csrf(), "topic": "Tiêu chuẩn OCOP", "organiser": "Phòng KT-HT",
        "starts_on": "01/08/2025", "ends_on": "02/08/2025", "officials": "5", "producers": "20",
    })  # fmt: skip
    assert course.status == 200 and "Đã ghi nhận, mã" in course.body


def test_the_pages_in_english(served: Served, office: Browser) -> None:
    # A session of its own (the language is the session's) and a plan of its own year: the
    # module's other tests, in any order, neither see English nor lend this one their plan.
    own = signed_in(served.base, "phong-kt-console")
    page = own.get("/xuc-tien/ke-hoach?nam=2024")
    adopt = {"csrf_token": page.csrf(), "year": "2024", "title": "Kế hoạch XTTM 2024",
             "activities": "HD1:fair:KP1:Hội chợ tỉnh",
             "budget_lines": "KP1:50.000.000:district_budget:Ngân sách huyện"}  # fmt: skip
    assert own.post("/xuc-tien/ke-hoach", adopt).status == 200
    english = own.get("/ngon-ngu/en?next=/xuc-tien/truyen-thong")
    assert "Record a communication campaign" in english.body and "Radio" in english.body
    plan = own.get("/xuc-tien/ke-hoach?nam=2024")
    assert "Fairs and exhibitions" in plan.body and "Economy and infrastructure office" in plan.body
