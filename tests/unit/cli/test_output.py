"""How the CLI names fields and values: each command group's words over the common ones,
dates as dd/mm/yyyy in tables as in records."""

from __future__ import annotations

import pytest

from cli.commands import inspection, promotion
from cli.output import COMMON, emit, emit_table


def test_two_groups_name_the_same_code_each_their_own_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    row = {"on": "2025-08-20", "kind": "withdrawn"}
    emit_table([row], ["on", "kind"], as_json=False, lang="vi", words=inspection.WORDS)
    emit_table([row], ["on", "kind"], as_json=False, lang="vi", words=promotion.HISTORY_WORDS)
    lines = capsys.readouterr().out.splitlines()
    assert "đã rút khỏi kế hoạch" in lines[1]  # an inspection plan's entry
    assert "rút khỏi điểm bán, hội chợ, kênh" in lines[3]  # a showroom's display
    assert "20/08/2025" in lines[1] and "20/08/2025" in lines[3]


def test_a_group_does_not_change_the_common_words() -> None:
    assert COMMON.values["revoked"][0] == "đã thu hồi"
    assert promotion.WORDS.values["revoked"][0] == "giấy chứng nhận bị thu hồi"
    assert "withdrawn" not in COMMON.values


def test_published_codes_are_named_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    record = {"channel_type": "postal_ecommerce", "since": "2025-07-01"}
    emit(record, as_json=False, lang="vi", words=promotion.WORDS)
    emit(record, as_json=False, lang="en", words=promotion.WORDS)
    out = capsys.readouterr().out
    assert "Loại kênh: Sàn thương mại điện tử của Bưu điện" in out
    assert "Channel type: Postal e-commerce platform" in out
    assert "Từ ngày: 01/07/2025" in out


@pytest.mark.parametrize(
    ("share", "lang", "shown"),
    [
        ("0.3000", "vi", "30 %"),
        ("0.3333", "vi", "33,3 %"),
        ("0.3333", "en", "33.3 %"),
        ("1.0000", "vi", "100 %"),
        ("0", "vi", "0 %"),
    ],
)
def test_shares_read_as_percentages(share: str, lang: str, shown: str) -> None:
    assert promotion._percent(share, lang) == shown
