"""Real documents for tests (the document store opens every file with its library)."""

from __future__ import annotations

import io


def pdf(padding: int = 0) -> bytes:
    """A valid one-page PDF, `padding` bytes larger (a metadata value) when asked."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if padding:
        writer.add_metadata({"/Subject": "x" * padding})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(width: int = 4, height: int = 4) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()
