"""Plain pytest functions for lib/pdf.py and lib/isolation.py: each kind of bad file raises its
own error, crafted files are refused without looping, and the child process is bounded."""

import time

import pytest

from odoo.addons.mrc_skills.lib import extraction, isolation, pdf
from odoo.addons.mrc_skills.tests import pdf_crafted, pdf_factory


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


# -- crafted files (issue 10): refused at once, in the calling process, never looping ----------


@pytest.mark.parametrize(
    "name",
    [
        "selfref_mediabox",
        "selfref_contents",
        "selfref_resources",
        "selfref_kids",
        "selfref_count",
        "selfref_length",
        "selfref_info",
        "selfref_root",
        "ref_cycle_two",
        "kids_loop_root",
        "kids_loop_two_nodes",
        "mediabox_missing",
        "mediabox_short",
        "mediabox_huge",
        "deep_array",
        "deep_page_tree",
    ],
)
def test_crafted_objects_are_refused_as_damaged(name):
    """Objects that refer to themselves, loops in /Kids, missing, short or absurd MediaBoxes
    and deep nesting make pdfminer loop or raise KeyError, IndexError or RecursionError: the
    reader refuses each as damaged, quickly, in the calling process."""
    data = pdf_crafted.corpus()[name]
    start = time.monotonic()
    with pytest.raises(pdf.CorruptPdfError):
        pdf.read_pdf(data, max_size_mb=10, max_pages=20)
    assert time.monotonic() - start < 10, f"{name} took too long to refuse"


@pytest.mark.parametrize(
    ("levels", "count", "declared"),
    [(5, None, 100_000), (7, None, 10_000_000), (9, None, 1_000_000_000)],
)
def test_page_count_is_checked_before_any_page_is_built(levels, count, declared):
    """A kilobyte of /Pages nodes with ten kids each declares 10^5 to 10^9 pages: the declared
    count is refused before a single page is built, in well under a second's work."""
    data = pdf_crafted.chain(levels, count=count)
    assert len(data) < 4096, "the chain should stay tiny"
    start = time.monotonic()
    with pytest.raises(pdf.TooManyPagesError) as caught:
        pdf.read_pdf(data, max_pages=20)
    assert caught.value.pages == declared, "the declared page count is reported"
    assert time.monotonic() - start < 5, "the count was not checked first"


def test_a_lying_page_count_is_caught_while_walking_the_tree():
    """A chain that declares one page but repeats its kids is refused by the walk, which never
    visits a node twice."""
    with pytest.raises(pdf.CorruptPdfError):
        pdf.read_pdf(pdf_crafted.chain(7, count=1), max_pages=20)


def test_errors_of_closing_do_not_hide_the_refusal(monkeypatch):
    """pdfplumber's page close() may raise on a broken file: the reader still answers with
    its own refusal, not the error of close()."""
    from pdfplumber.page import Page

    def broken_close(self):
        raise KeyError("MediaBox")

    monkeypatch.setattr(Page, "close", broken_close)
    with pytest.raises(pdf.NoTextLayerError):
        pdf.read_pdf(pdf_factory.image_only_pdf())
    content = pdf.read_pdf(pdf_factory.text_pdf(["Welding"]))
    assert "Welding" in content.text, "a readable file is still read"


def test_memory_error_is_not_called_damaged(monkeypatch):
    """Running out of memory says so (TooDemandingError), rather than "damaged"."""

    def exhausted(page):
        raise MemoryError()

    monkeypatch.setattr(pdf, "_page_text", exhausted)
    with pytest.raises(pdf.TooDemandingError) as caught:
        pdf.read_pdf(pdf_factory.text_pdf(["Welding"]))
    assert caught.value.resource == "memory"


def test_gutter_cost_does_not_grow_with_the_page_width():
    """The two-column detection works on the words' spans, not on one cell per point: a
    page 2e8 points wide would have taken 1.6 GB."""

    class WidePage:
        width = 2e8

        def extract_words(self, keep_blank_chars=False):
            return [{"x0": 10.0 + 5 * i, "x1": 14.0 + 5 * i} for i in range(40)]

    start = time.monotonic()
    assert pdf._column_gutter(WidePage()) is None, "words on the left only: one column"
    assert time.monotonic() - start < 1


@pytest.mark.parametrize(
    "name",
    [
        "png_renamed",
        "zip_renamed",
        "html_renamed",
        "text_renamed",
        "empty",
        "polyglot_png_pdf",
        "junk_before_header",
    ],
)
def test_files_that_do_not_start_as_a_pdf_are_not_pdfs(name):
    """Renamed files and polyglots (a PNG with a PDF appended) are refused before parsing."""
    assert not pdf.is_pdf_header(pdf_crafted.corpus()[name])
    with pytest.raises(pdf.NotPdfError):
        pdf.read_pdf(pdf_crafted.corpus()[name])


# -- the child process ----------------------------------------------------------------------


def test_child_reads_and_extracts_plain_data():
    """The isolated reader returns the same pages as the reader and the extraction made in
    the child, rebuilt as the library's dataclasses."""
    data = pdf_factory.text_pdf(["Certificate of competence", "Welding"])
    result = isolation.read_isolated(
        data, vocabularies={"skills": {7: ["Welding"]}, "bodies": {}, "occupations": {}}
    )
    assert result.content.text == pdf.read_pdf(data).text
    assert [match.key for match in result.extraction.skills] == [7]
    assert isinstance(result.extraction.skills[0], extraction.SkillMatch)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("selfref_mediabox", pdf.CorruptPdfError),
        ("chain_1e7", pdf.TooManyPagesError),
        ("encrypted", pdf.EncryptedPdfError),
        ("image_only", pdf.NoTextLayerError),
        ("polyglot_png_pdf", pdf.NotPdfError),
    ],
)
def test_child_sends_back_the_refusal(name, error):
    """A refusal in the child comes back as the same error, with its details."""
    with pytest.raises(error) as caught:
        isolation.read_isolated(pdf_crafted.corpus()[name])
    if error is pdf.TooManyPagesError:
        assert (caught.value.pages, caught.value.limit) == (10_000_000, 20)


def test_child_past_its_processor_time_is_refused():
    """A file that needs more processor time than allowed is stopped (RLIMIT_CPU in the
    child, a wall-clock wait in the parent) and refused as too demanding, with the limit."""
    limits = isolation.Limits(cpu_seconds=1)
    start = time.monotonic()
    with pytest.raises(pdf.TooDemandingError) as caught:
        isolation.read_isolated(pdf_crafted.operator_bomb(200_000), limits)
    assert (caught.value.resource, caught.value.limit) == ("time", 1)
    assert time.monotonic() - start < limits.wall_seconds + 5, "the parent waited too long"


def test_child_past_its_memory_is_refused():
    """A FlateDecode bomb (1 MB inflating to 1 GB) is stopped by RLIMIT_AS in the child and
    refused as needing too much memory."""
    limits = isolation.Limits(memory_mb=256, cpu_seconds=30)
    with pytest.raises(pdf.TooDemandingError) as caught:
        isolation.read_isolated(pdf_crafted.flate_bomb(1024), limits)
    assert (caught.value.resource, caught.value.limit) == ("memory", 256)
