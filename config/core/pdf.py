"""fpdf2 documents that print Polish letters, shared by every PDF the platform makes (invoices, tickets
and badges, attendance and market-research reports).

DejaVu Sans (Debian's fonts-dejavu-core) prints ą, ę, ł…; without it a PDF falls back to Helvetica,
whose Latin-1 encoding cannot hold them, so text() replaces what it cannot print: degrade, never fail.
"""

import logging
from pathlib import Path

from fpdf import FPDF

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class PolishPdf:
    """An fpdf2 document (`self.pdf`) with `family`, the font to set, and text() for what is printed."""

    def __init__(self, title: str, *, page_format="A4", orientation: str = "P"):
        self.pdf = FPDF(orientation=orientation, format=page_format)
        self.pdf.set_title(title)
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.pdf.add_font("DejaVu", "", str(regular))
            self.pdf.add_font("DejaVu", "B", str(bold))
            self.family = "DejaVu"
        else:  # pragma: no cover - the core font cannot print ą, ę, ł...; degrade rather than fail
            logger.warning("DejaVu fonts are missing; the PDF falls back to Helvetica")
            self.family = "Helvetica"

    def text(self, value) -> str:
        value = str(value)
        if self.family == "Helvetica":
            return value.encode("latin-1", "replace").decode("latin-1")
        return value

    def output(self) -> bytes:
        return bytes(self.pdf.output())
