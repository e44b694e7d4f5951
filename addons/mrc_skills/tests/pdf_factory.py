"""Build the PDFs the tests and the benchmark read, with reportlab, in memory.

Each builder returns the bytes of a PDF whose content the caller knows, so that what the
extraction finds can be compared with what was written.
"""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def _canvas(buffer, encrypt=None):
    return canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)


def text_pdf(lines: list[str], encrypt: str | None = None, font_size: int = 11) -> bytes:
    """A one-column PDF with one line of text per item (a new page when the page is full)."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, encrypt=encrypt)
    _width, height = A4
    y = height - 2 * cm
    pdf.setFont("Helvetica", font_size)
    for line in lines:
        if y < 2 * cm:
            pdf.showPage()
            pdf.setFont("Helvetica", font_size)
            y = height - 2 * cm
        pdf.drawString(2 * cm, y, line)
        y -= font_size * 1.6
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def certificate_pdf(
    title: str,
    lines: list[str],
    encrypt: str | None = None,
) -> bytes:
    """A centred certificate: a large title, then the lines."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, encrypt=encrypt)
    width, height = A4
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, height - 4 * cm, title)
    pdf.setFont("Helvetica", 12)
    y = height - 6 * cm
    for line in lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= 0.9 * cm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def two_column_pdf(left: list[str], right: list[str]) -> bytes:
    """A CV laid out in two columns: ``left`` from the margin, ``right`` from mid-page."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    width, height = A4
    pdf.setFont("Helvetica", 10)
    for x, lines in ((1.5 * cm, left), (width / 2 + 1 * cm, right)):
        y = height - 2 * cm
        for line in lines:
            pdf.drawString(x, y, line)
            y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def table_pdf(title: str, rows: list[list[str]], notes: list[str] | None = None) -> bytes:
    """A certificate whose facts are in a ruled table (first row is the header)."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    table = Table(rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    story = [Paragraph(title, styles["Title"]), Spacer(1, 12), table]
    story += [Paragraph(note, styles["Normal"]) for note in notes or []]
    doc.build(story)
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A 'scanned' PDF: one page holding only a picture, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 580, 280), outline="black", width=4)
    draw.text((60, 120), "CERTIFICATE OF COMPETENCE - WELDING", fill="black")
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.drawImage(ImageReader(png), 2 * cm, 15 * cm, width=16 * cm, height=8 * cm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def corrupt_pdf() -> bytes:
    """Bytes that start like a PDF but are truncated garbage."""
    valid = text_pdf(["Certificate of competence", "Welding"])
    return valid[:40] + b"\x00garbage\xff" * 30


def many_pages_pdf(pages: int) -> bytes:
    """A PDF with ``pages`` pages of text."""
    return text_pdf([f"Page filler line {index}" for index in range(pages * 40)])


def sample_cv(name: str) -> bytes:
    """The two-column CV of the tests: misspelt skills on the left, experience in English and
    Spanish on the right; no certificate number."""
    return two_column_pdf(
        [
            name,
            "Phone +52 555 0101",
            "Skills",
            "Weldng (MIG, arc)",
            "Fork lift",
            "Tiling",
            "Languages",
            "Spanish, English",
            "Address",
            "Tijuana, Mexico",
        ],
        [
            "Experience",
            "2015-2018 Cook, Hotel Sol",
            "2018-2020 Caregiving for an elderly lady",
            "2020-2023 Camarera de piso",
            "Education",
            "Secondary school",
            "Training",
            "Primeros auxilios",
            "Interests",
            "Football",
        ],
    )
