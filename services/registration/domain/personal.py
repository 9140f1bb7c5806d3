"""A producer's personal data (Decree 13/2023/NĐ-CP; Law 91/2025/QH15): what is sealed
under the producer's own key, and the one fact derived from it that is not.

Sealed (the application seals them before any event is made; the store holds ciphertext
only): the legal representative's name, gender, ethnicity and disability, the producer's
address, and form 01's copies of them with the contact phone and e-mail. Kept in clear:
`qualifies_3_2`, computed once at registration, because criterion 3.2 scores it and the
published `ProducerRegistered` carries it (OCOP-RULES, product sheet criterion 3.2: a
woman, an ethnic-minority person or a person with a disability as legal representative).
"""

from __future__ import annotations

from typing import Any

from runtime.errors import CommandRejected
from runtime.identifiers import ethnic_group

PERSONAL_FIELDS = ("legal_representative", "address")
"""The keys of a producer's sealed value: `legal_representative` {name, gender,
ethnicity, disability} and `address`."""

FORM_01_PERSONAL = ("legal_representative", "address", "phone", "email")
"""The keys of form 01's sealed value."""


def qualifies_for_3_2(rep: dict[str, Any]) -> bool:
    """Criterion 3.2: a woman, an ethnic-minority person or a person with a disability.
    Ethnicity is read through the official list of 54 groups (`runtime.identifiers`):
    only a listed group other than the Kinh counts; text stored before the list was
    enforced that names no group does not."""
    try:
        minority = ethnic_group("ethnicity", str(rep.get("ethnicity") or "")).minority
    except CommandRejected:
        minority = False
    return rep.get("gender") == "female" or minority or bool(rep.get("disability"))
