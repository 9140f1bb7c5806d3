"""Decimals as the reader writes them: the comma in Vietnamese (TCVN 7870/ISO 80000-1 usage
in Vietnam), the point in English."""

from decimal import Decimal

import pytest

from console import i18n


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("65.33", "vi", "65,33"),
        ("65.33", "en", "65.33"),
        (Decimal("29.5"), "vi", "29,5"),
        (70, "vi", "70"),
        (None, "vi", ""),
        ("", "en", ""),
        ("—", "vi", "—"),
    ],
)
def test_a_decimal_is_written_as_the_reader_writes_it(value: object, lang: str, shown: str) -> None:
    assert i18n.number(value, lang) == shown
