"""The access log: every refused call and every read of personal data, one JSON line each
on logger `ocop.access`, with the verified identity and never the data itself (no names,
no request fields): who, which role and jurisdiction, which method, what outcome."""

from __future__ import annotations

import json
import logging

log = logging.getLogger("ocop.access")


def record(
    event: str,
    method: str,
    *,
    user: str = "",
    role: str = "",
    jurisdiction: str = "",
    code: str = "",
    reason: str = "",
) -> None:
    """`event` is `refused` or `personal_data_read`; `reason` is a fixed phrase or a
    token-verification error (it never holds request data)."""
    line = {
        "event": event,
        "method": method,
        "user": user,
        "role": role,
        "jurisdiction": jurisdiction,
        "code": code,
        "reason": reason,
    }
    log.info(json.dumps(line, ensure_ascii=False, sort_keys=True))
