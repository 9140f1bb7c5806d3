"""What the hostile generator (`generator.py`) draws from: the roles and jurisdictions of
an actor, the words and codes of the programme (and look-alikes), hostile characters, date
texts legal and impossible, and the days that bound the dates drawn."""

from __future__ import annotations

from datetime import date

ROLES = (
    "producer",
    "commune_officer",
    "commune_committee",
    "district_officer",
    "province_officer",
    "council_member",
    "council_secretary",
    "authority",
    "ministry",
    "inspector",
    "nobody",
)
JURISDICTIONS = ("23500", "51", "610", "", "023500", "99999")
WORDS = (
    "cooperative",
    "enterprise",
    "household_business",
    "first",
    "renewal",
    "upgrade",
    "province",
    "district",
    "commune",
    "central",
    "R1",
    "R2",
    "R3",
    "approve",
    "reject",
    "female",
    "male",
    "Kinh",
    "Ba Na",
    "Dân tộc Kinh",
    "12/QĐ-UBND",
    "12/QD-UBND",
    "6174482489",
    "617 448 2489",
    "23500",
    "023500",
    "51",
    "610",
    "a",
    "1",
    "A1",
    "passed",
    "failed",
    "application/pdf",
    "image/png",
    "legal",
    "sample",
    "Cà phê Đăk Hà",
    "NaN",
    "-0",
    "1e400000",
    "92,5",
)
HOSTILE_CHARS = "\x00\x07\x1b\r\n\t\x7f\x85\u202e\u2066\u200b\ufeff\ue000\u0301\ud7ff\U0001f600Ð"
DATE_TEXTS = (
    "2026-06-01",
    "2026-06-28",
    "2026-07-01",
    "2018-05-07",
    "2025-06-30",
    "9999-12-31",
    "0001-01-01",
    "1900-01-01",
    "2026-02-30",
    "20260601",
    "2026-6-1",
    "",
    "tomorrow",
    "2200-12-31",
    "2201-01-01",
)


SEEDED_ON = date(2026, 6, 1)
"""The day the seeded dossier was received and its round opened (`test_hostile.seed`)."""

LAST_DAY = date(2026, 11, 30)
"""The latest programme day drawn: fixed, not today, so that the derandomized examples are
the same on every day the suite runs (with `date.today()` they changed daily, and with the
machine's time zone)."""
