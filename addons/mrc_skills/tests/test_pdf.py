"""Plain pytest functions for lib/pdf.py: each kind of bad file raises its own error."""

import pytest

from odoo.addons.mrc_skills.lib import pdf
from odoo.addons.mrc_skills.tests import pdf_factory


def test_reads_text_of_a_plain_pdf():
    """A PDF with a text layer gives its text per page."""
    content = pdf.read_pdf(pdf_factory.text_pdf(["Certificate of competence", "Welding"]))
    assert content.page_count == 1, "one page expected"
    assert "Welding" in content.text, f"text not read: {content.text!r}"


def test_reads_tables():
    """Tables come back as rows of cells."""
    data = pdf_factory.table_pdf("Certificate", [["Competency", "Level"], ["Welding", "Advanced"]])
    content = pdf.read_pdf(data)
    assert content.pages[0].tables == [[["Competency", "Level"], ["Welding", "Advanced"]]]


def test_two_column_page_is_read_column_by_column():
    """Words of the two columns of a CV are not mixed on one line."""
    left = ["Maria Lopez", "Skills", "Welding", "Tiling", "Forklift operation", "First aid"]
    right = ["Experience", "Cook at Hotel Sol", "Kitchen helper", "Room attendant", "Education"]
    content = pdf.read_pdf(pdf_factory.two_column_pdf(left * 2, right * 2))
    lines = content.text.splitlines()
    assert "Forklift operation" in lines, f"left column mixed with right: {lines}"
    assert "Cook at Hotel Sol" in lines, f"right column mixed with left: {lines}"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"PK\x03\x04 this is a zip file", pdf.NotPdfError),
        (b"", pdf.NotPdfError),
        (pdf_factory.corrupt_pdf(), pdf.CorruptPdfError),
        (pdf_factory.text_pdf(["Welding"], encrypt="secret"), pdf.EncryptedPdfError),
        (pdf_factory.image_only_pdf(), pdf.NoTextLayerError),
        (pdf_factory.many_pages_pdf(3), pdf.TooManyPagesError),
    ],
    ids=["zip", "empty", "corrupt", "encrypted", "image-only", "too-many-pages"],
)
def test_bad_files_raise_their_own_error(data, error):
    """Each bad input raises the error that names its problem."""
    with pytest.raises(error):
        pdf.read_pdf(data, max_size_mb=10, max_pages=2)


def test_oversized_file_is_refused_before_parsing():
    """A file over the size limit is refused with its size and the limit."""
    data = pdf_factory.text_pdf(["Welding"]) + b" " * (1024 * 1024)
    with pytest.raises(pdf.TooLargeError) as caught:
        pdf.read_pdf(data, max_size_mb=0.5)
    assert caught.value.limit_mb == 0.5, "limit not reported"
    assert caught.value.size_mb > 0.5, "size not reported"
