"""The official list of administrative units (Decision 19/2025), from `vietnam-provinces`."""

from __future__ import annotations

from vietnam_provinces import Ward, WardCode


def locate_commune(commune_code: str) -> str | None:
    """The province code of a current commune-level unit, or None if the code is unknown."""
    try:
        ward = Ward.from_code(WardCode(int(commune_code)))
    except (ValueError, KeyError):
        return None
    return str(int(ward.province_code))
