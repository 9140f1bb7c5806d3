"""The council session in the console, served for real against the services' gRPC
servers (memory stores): a member scores on the form generated from the set's sheet,
sees nobody else's sheet before submitting, is refused at the field; the secretary sees
who has scored and adopts; the result's explanation is shown."""

from __future__ import annotations

from uuid import UUID

from console import i18n, scoring
from tests.unit.console.council_harness import Served, arrived, form_of, served, signed_in
from tests.unit.evaluation.helpers import MEMBERS, SECRETARY, member
from tests.unit.evaluation.sheets import choices_for

__all__ = ["served"]


def test_a_member_scores_on_the_generated_sheet(served: Served) -> None:
    dossier = arrived(served, "Cà phê rang xay Đăk Hà")
    tv1 = signed_in(served.base, "tv1")
    page = tv1.get(f"/hoi-dong/ho-so/{dossier}")
    assert page.status == 200
    assert 'name="c-1.1"' in page.body and 'name="c-6.1.1"' in page.body  # sub-items too
    assert "★3 tối thiểu cho 3 sao" in page.body and "Phần A" in page.body
    assert 'id="independence"' in page.body  # the service refused the sheets: shown as is
    assert "Tổng điểm tạm tính" in page.body
    assert 'name="csrf_token" value=""' not in page.body  # every form carries the token
    full = choices_for(66)
    partial = dict(list(full.items())[:3])
    preview = tv1.post(
        f"/hoi-dong/ho-so/{dossier}/cham-diem", form_of(partial, page.csrf(), preview="1")
    )
    expected = scoring.total(scoring.sheet("R3", 13), partial)
    assert f'id="running-total">{i18n.number(expected, "vi")}<' in preview.body
    assert preview.body.count("checked") == len(partial)  # the choices are kept
    missing = tv1.post(f"/hoi-dong/ho-so/{dossier}/cham-diem", form_of(partial, page.csrf()))
    assert missing.status == 422
    unchosen = next(code for code in full if code not in partial)
    assert f'id="e-c-{unchosen}"' in missing.body  # the refusal next to each criterion left
    assert f'id="e-c-{next(iter(partial))}"' not in missing.body
    done = tv1.post(f"/hoi-dong/ho-so/{dossier}/cham-diem", form_of(full, page.csrf()))
    assert done.status == 200 and "Đã nộp phiếu chấm: tổng 66" in done.body
    assert 'name="c-1.1"' not in done.body and "Bạn đã nộp phiếu chấm" in done.body


def test_the_secretary_sees_who_scored_and_adopts(served: Served) -> None:
    dossier = arrived(served, "Sâm dây Ngọc Linh")
    app = served.edge.system.evaluation.app
    for name in MEMBERS[:3]:
        app.councils.submit_sheet(
            member(name), dossier_id=UUID(dossier), choices=choices_for(72, keep_star=4)
        )
    secretary = signed_in(served.base, SECRETARY)
    page = secretary.get(f"/hoi-dong/ho-so/{dossier}")
    assert 'id="quorum">3 / 4<' in page.body
    assert "Tv3 (tv3) — Chưa chấm" in page.body
    wrong = secretary.post(
        f"/hoi-dong/ho-so/{dossier}/thong-qua",
        {"csrf_token": page.csrf(), "adopted_on": "31/02/2026"},
    )
    assert wrong.status == 422 and 'id="e-adopted_on"' in wrong.body
    app.councils.submit_sheet(
        member(MEMBERS[3]), dossier_id=UUID(dossier), choices=choices_for(72, keep_star=4)
    )
    adopted = secretary.post(
        f"/hoi-dong/ho-so/{dossier}/thong-qua",
        {"csrf_token": page.csrf(), "adopted_on": "17/06/2026"},
    )
    assert adopted.status == 200 and "Đã thông qua kết quả." in adopted.body
    assert 'id="result"' in adopted.body and "72" in adopted.body
    assert "Chờ quyết định công nhận" in adopted.body


def test_the_province_opens_a_round_and_appoints_its_council(served: Served) -> None:
    officer = signed_in(served.base, "so-nn")
    page = officer.get("/hoi-dong/dot-moi")
    fields = {"csrf_token": page.csrf(), "level": "province", "jurisdiction": "51"}
    wrong = officer.post("/hoi-dong/dot-moi", {**fields, "on": "31/02/2026"})
    assert wrong.status == 422 and 'id="e-on"' in wrong.body
    opened = officer.post("/hoi-dong/dot-moi", {**fields, "on": "15/01/2026"})  # round 1
    assert opened.status == 200 and "Đã mở đợt đánh giá." in opened.body
    round_url = opened.url.removeprefix(served.base)
    appoint = {"csrf_token": page.csrf(), "member_id": "tv-moi", "name": "Tv Mới"}
    done = officer.post(f"{round_url}/thanh-vien", {**appoint, "role": "chair"})
    assert "Tv Mới (tv-moi) — Chủ tịch Hội đồng" in done.body
    again = officer.post(
        f"{round_url}/thanh-vien", {**appoint, "member_id": "tv-khac", "role": "chair"}
    )
    assert again.status == 422 and 'id="e-role"' in again.body  # at its field
    assert "Hội đồng đã có Chủ tịch." in again.body
