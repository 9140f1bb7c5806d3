"""The recognition decision and the certificate as PDF (WeasyPrint from Jinja2 templates,
laid out per Decree 30/2020/NĐ-CP). `decision_pdf(facts)` and `certificate_pdf(facts)`
return the document's bytes and file name; they touch no file and no network."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from runtime.admin_document import date_line
from services.evaluation.adapters.documents import wording as w
from services.evaluation.adapters.documents.issuer import Issuer
from services.evaluation.application.documents import CertificateFacts, DecisionFacts

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Pdf:
    file_name: str
    content: bytes
    media_type: str = "application/pdf"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _render(template: str, **context: Any) -> bytes:
    # Imported here: pango loads with it, and a process without the library (an image
    # built without it) still serves everything but the documents.
    import weasyprint  # type: ignore[import-untyped]

    css = (TEMPLATES / "document.css").read_text(encoding="utf-8")
    page = _environment().get_template(template).render(css=css, **context)
    pdf: bytes = weasyprint.HTML(string=page, base_url=str(TEMPLATES)).write_pdf()
    return pdf


def _heading(facts: DecisionFacts) -> dict[str, Any]:
    issuer = Issuer(facts.tier, facts.jurisdiction)
    return {
        "issuer_lines": issuer.lines,
        "date_line": date_line(issuer.place, facts.decided_on),
        "deciding_body": issuer.deciding_body,
        "signing_title": issuer.signing_title,
        "signer": facts.signer,
    }


def _stem(number: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in number).strip("-")


def decision_pdf(facts: DecisionFacts) -> Pdf:
    """The decision with its products' table (one row per product) and, below the
    signature, a marked note of any certificate revoked since."""
    rows = [
        {
            "position": x.position,
            "product_name": x.product_name,
            "producer_name": x.producer_name,
            "set": f"{x.product_set}. {x.set_name}",
            "address": w.address(x, facts.decided_on),
            "score": w.score_text(x.score),
            "star": x.star,
            "certificate_no": x.certificate_no,
            "valid_to": w.dmy(x.valid_to),
        }
        for x in facts.lines
    ]
    content = _render(
        "decision.html",
        **_heading(facts),
        number=facts.decision_no,
        title=w.title(facts),
        basis=w.basis_lines(facts),
        article_1=w.article_1(facts),
        rows=rows,
        article_2=w.article_2(facts),
        article_3=w.article_3(facts),
        recipients=w.recipients(facts),
        notes=w.revocation_notes(facts.lines),
    )
    name = f"quyet-dinh-{_stem(facts.decision_no)}-{facts.decided_on:%Y%m%d}.pdf"
    return Pdf(name, content)


def certificate_pdf(facts: CertificateFacts) -> Pdf:
    """One product's certificate, A4 landscape."""
    decision, line = facts.decision, facts.line
    issuer = Issuer(decision.tier, decision.jurisdiction)
    window = (w.dmy(line.window_opens), w.dmy(line.window_closes)) if line.window_opens else None
    content = _render(
        "certificate.html",
        **_heading(decision),
        certificate_no=line.certificate_no,
        stars=w.stars(line.star),
        product_name=line.product_name,
        product_code=line.product_code,
        producer_name=line.producer_name,
        set=f"{line.product_set}. {line.set_name}",
        address=w.address(line, decision.decided_on),
        star=line.star,
        score=w.score_text(line.score),
        decision_no=decision.decision_no,
        decided_on=w.dmy(decision.decided_on),
        decided_by=issuer.decider,
        valid_to=w.dmy(line.valid_to),
        window=window,
    )
    return Pdf(f"giay-chung-nhan-{_stem(line.certificate_no)}.pdf", content)
