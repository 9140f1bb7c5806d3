"""The council session's other commands in the console, served for real against the
services' gRPC servers (memory stores): a member's conflict of interest, the advisory
team's record, the divergence that refuses adoption and the re-score of chosen members,
the meeting convened on a re-evaluation decided by written opinions; each refusal at its
form's field; a member who has not scored sees no other sheet nor the mean."""

from __future__ import annotations

from uuid import UUID

from tests.unit.console.council_harness import Served, arrived, served, signed_in
from tests.unit.evaluation.helpers import MEMBERS, SECRETARY, assessed, council, deliver, member
from tests.unit.evaluation.sheets import choices_for

__all__ = ["served"]


def _score(served: Served, dossier: str, totals: dict[str, int]) -> None:
    app = served.edge.system.evaluation.app
    for name, total in totals.items():
        app.councils.submit_sheet(
            member(name), dossier_id=UUID(dossier), choices=choices_for(total, keep_star=3)
        )


def test_a_member_declares_a_conflict_of_interest(served: Served) -> None:
    dossier = arrived(served, "Mật ong Măng Đen")
    tv3 = signed_in(served.base, "tv3")
    page = tv3.get(f"/hoi-dong/ho-so/{dossier}")
    assert 'id="declare-conflict"' in page.body
    url = f"/hoi-dong/ho-so/{dossier}/xung-dot"
    assert tv3.post(url, {"conflict_reason": "x"}).status == 403  # no CSRF token
    empty = tv3.post(url, {"csrf_token": page.csrf(), "conflict_reason": " "})
    assert empty.status == 422 and 'id="e-conflict_reason"' in empty.body
    done = tv3.post(url, {"csrf_token": page.csrf(), "conflict_reason": "Con gái là chủ HTX"})
    assert done.status == 200 and "Đã khai báo xung đột lợi ích." in done.body
    again = tv3.post(url, {"csrf_token": page.csrf(), "conflict_reason": "lần hai"})
    assert again.status == 422 and 'id="e-conflict_member_id"' in again.body
    secretary = signed_in(served.base, SECRETARY)
    progress = secretary.get(f"/hoi-dong/ho-so/{dossier}")
    assert "Tv3 (tv3) — Xung đột lợi ích" in progress.body
    assert 'id="quorum">0 / 3<' in progress.body  # the conflicted member is not counted


def test_a_member_who_has_not_scored_sees_no_sheet_nor_mean(served: Served) -> None:
    dossier = arrived(served, "Rượu ba kích")
    _score(served, dossier, {"chu-tich": 70, "tv1": 68})
    tv2 = signed_in(served.base, "tv2")
    page = tv2.get(f"/hoi-dong/ho-so/{dossier}")
    assert 'id="independence"' in page.body and 'id="mean"' not in page.body
    assert ">70<" not in page.body and ">68<" not in page.body and 'id="quorum"' not in page.body
    chair = signed_in(served.base, "chu-tich")  # has scored: sees the others and the mean
    seen = chair.get(f"/hoi-dong/ho-so/{dossier}")
    assert 'id="mean">69' in seen.body and 'id="spread">2' in seen.body


def test_divergence_refuses_adoption_then_chosen_members_score_again(served: Served) -> None:
    dossier = arrived(served, "Cà phê Kon Plông")
    _score(served, dossier, {"chu-tich": 85, "tv1": 66, "tv2": 65, "tv3": 65})
    secretary = signed_in(served.base, SECRETARY)
    page = secretary.get(f"/hoi-dong/ho-so/{dossier}")
    adopt = f"/hoi-dong/ho-so/{dossier}/thong-qua"
    refused = secretary.post(adopt, {"csrf_token": page.csrf(), "adopted_on": "20/06/2026"})
    assert refused.status == 422 and "vượt ngưỡng" in refused.body
    session = refused.body[refused.body.index('id="session"') :]
    assert "vượt ngưỡng" in session  # shown at the adoption form, with the re-score choice
    assert 'name="rescore_members" value="chu-tich"' in session
    rescore = f"/hoi-dong/ho-so/{dossier}/cham-lai"
    unknown = secretary.post(rescore, {"csrf_token": page.csrf(), "rescore_members": "ai-do"})
    assert unknown.status == 422 and 'id="e-rescore_members"' in unknown.body
    asked = secretary.post(
        rescore,
        {"csrf_token": page.csrf(), "rescore_members": "chu-tich", "rescore_reason": "Chênh"},
    )
    assert asked.status == 200 and "Đã yêu cầu chấm lại." in asked.body
    assert 'id="quorum">3 / 4<' in asked.body
    chair = signed_in(served.base, "chu-tich")
    assert 'id="submit-sheet"' in chair.get(f"/hoi-dong/ho-so/{dossier}").body  # again
    _score(served, dossier, {"chu-tich": 67})
    done = secretary.post(adopt, {"csrf_token": page.csrf(), "adopted_on": "20/06/2026"})
    assert done.status == 200 and "Đã thông qua kết quả." in done.body
    assert 'class="explanation"' in done.body


def test_the_advisory_team_records_a_field_survey(served: Served) -> None:
    dossier = arrived(served, "Gạo Đăk Tô")
    secretary = signed_in(served.base, SECRETARY)
    page = secretary.get(f"/hoi-dong/ho-so/{dossier}")
    url = f"/hoi-dong/ho-so/{dossier}/tu-van"
    fields = {"csrf_token": page.csrf(), "advisory_kind": "field_survey"}
    wrong = secretary.post(url, {**fields, "advisory_on": "31/02/2026", "advisory_summary": "x"})
    assert wrong.status == 422 and 'id="e-advisory_on"' in wrong.body
    assert 'value="31/02/2026"' in wrong.body  # as typed
    empty = secretary.post(url, {**fields, "advisory_on": "15/06/2026", "advisory_summary": ""})
    assert empty.status == 422 and 'id="e-advisory_summary"' in empty.body
    done = secretary.post(
        url, {**fields, "advisory_on": "15/06/2026", "advisory_summary": "Cơ sở đạt yêu cầu"}
    )
    assert done.status == 200 and "Đã ghi hồ sơ của Tổ tư vấn." in done.body
    assert "15/06/2026 — Khảo sát thực địa: Cơ sở đạt yêu cầu" in done.body  # GetEvaluation's
    tv1 = signed_in(served.base, "tv1")
    member_page = tv1.get(f"/hoi-dong/ho-so/{dossier}").body
    assert 'id="record-advisory"' not in member_page and "Cơ sở đạt yêu cầu" in member_page


def test_a_re_evaluation_by_written_opinions_convenes_a_meeting(served: Served) -> None:
    app = served.edge.system.evaluation.app
    event = assessed(kind="re_evaluation").model_copy(update={"product_name": "Trà dây"})
    deliver(app, event)
    council(app, event.aggregate_id)
    dossier = str(event.aggregate_id)
    secretary = signed_in(served.base, SECRETARY)
    page = secretary.get(f"/hoi-dong/ho-so/{dossier}")
    assert "Lấy ý kiến bằng văn bản" in page.body and 'id="convene"' in page.body
    met = secretary.post(f"/hoi-dong/ho-so/{dossier}/hop", {"csrf_token": page.csrf()})
    assert met.status == 200 and "Đã triệu tập họp Hội đồng." in met.body
    assert 'id="convene"' not in met.body and "Họp Hội đồng" in met.body
    tv1 = signed_in(served.base, MEMBERS[1])
    mine = tv1.get(f"/hoi-dong/ho-so/{dossier}")
    assert 'id="convene"' not in mine.body
    refused = tv1.post(f"/hoi-dong/ho-so/{dossier}/hop", {"csrf_token": mine.csrf()})
    assert refused.status == 422 and "Chỉ Chủ tịch hoặc Thư ký" in refused.body
