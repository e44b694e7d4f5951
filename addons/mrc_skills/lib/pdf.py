"""Read the text and tables of a PDF with pdfplumber, refusing what cannot be read.

``read_pdf`` takes the raw bytes of an upload and returns a :class:`PdfContent` (text and tables
per page) or raises one of the :class:`PdfError` subclasses below, each naming one problem, so
that the ORM layer can turn it into a translated message. Two-column pages (CVs) are read column
by column, so that words of the two columns do not get mixed on one line.
"""

import io
import logging
from dataclasses import dataclass, field

_logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


class PdfError(Exception):
    """Base class of every reason a PDF cannot be imported."""


class NotPdfError(PdfError):
    """The file does not start like a PDF."""


class EncryptedPdfError(PdfError):
    """The PDF is protected by a password."""


class CorruptPdfError(PdfError):
    """The PDF cannot be parsed."""


class NoTextLayerError(PdfError):
    """The PDF has no text to read: a scan or a picture of a document."""


@dataclass
class TooLargeError(PdfError):
    """The file is larger than the configured limit."""

    size_mb: float
    limit_mb: float


@dataclass
class TooManyPagesError(PdfError):
    """The PDF has more pages than the configured limit."""

    pages: int
    limit: int


@dataclass
class PdfPage:
    """One page: its text (columns one after the other) and its tables (rows of cells)."""

    number: int
    text: str
    tables: list[list[list[str | None]]] = field(default_factory=list)


@dataclass
class PdfContent:
    """What a PDF says, page by page."""

    pages: list[PdfPage]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


def check_bytes(data: bytes, max_size_mb: float) -> None:
    """Refuse empty, oversized and non-PDF data before parsing anything."""
    size_mb = len(data or b"") / (1024 * 1024)
    if max_size_mb and size_mb > max_size_mb:
        raise TooLargeError(size_mb=round(size_mb, 2), limit_mb=max_size_mb)
    if not data or PDF_MAGIC not in data[:1024]:
        raise NotPdfError()


def _column_gutter(page, min_words: int = 12) -> float | None:
    """Return the x position of a vertical gutter splitting the page in two columns, if any.

    A gutter is a band in the middle half of the page that no word crosses while words lie on
    both sides of it in quantity; one-column pages return ``None``.
    """
    words = page.extract_words(keep_blank_chars=False)
    if len(words) < min_words:
        return None
    width = float(page.width)
    covered = [False] * (int(width) + 1)
    for word in words:
        for x in range(int(word["x0"]), min(int(word["x1"]) + 1, len(covered))):
            covered[x] = True
    start, stop = int(width * 0.25), int(width * 0.75)
    best, best_len, run_start = None, 0, None
    for x in range(start, stop + 1):
        if not covered[x]:
            run_start = x if run_start is None else run_start
            run_len = x - run_start + 1
            if run_len > best_len:
                best, best_len = run_start + run_len / 2, run_len
        else:
            run_start = None
    if best is None or best_len < 12:
        return None
    left = sum(1 for word in words if word["x1"] <= best)
    right = len(words) - left
    if min(left, right) < min_words / 3:
        return None
    return best


def _page_text(page) -> str:
    gutter = _column_gutter(page)
    if gutter is None:
        return page.extract_text() or ""
    left = page.crop((0, 0, gutter, page.height)).extract_text() or ""
    right = page.crop((gutter, 0, page.width, page.height)).extract_text() or ""
    return f"{left}\n{right}"


def read_pdf(data: bytes, max_size_mb: float = 10.0, max_pages: int = 20) -> PdfContent:
    """Open PDF bytes and return their text and tables per page.

    :param data: the file's content.
    :param max_size_mb: refuse larger files (0 for no limit).
    :param max_pages: refuse PDFs with more pages (0 for no limit).
    :raises NotPdfError, TooLargeError, EncryptedPdfError, CorruptPdfError, TooManyPagesError,
        NoTextLayerError: see each class.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    check_bytes(data, max_size_mb)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise EncryptedPdfError() from error
    except Exception as error:
        if "password" in repr(error).lower() or "encrypt" in repr(error).lower():
            raise EncryptedPdfError() from error
        raise CorruptPdfError() from error
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as error:
            raise CorruptPdfError() from error
        if not page_count:
            raise CorruptPdfError()
        if max_pages and page_count > max_pages:
            raise TooManyPagesError(pages=page_count, limit=max_pages)
        pages = []
        try:
            for index, page in enumerate(pdf.pages, start=1):
                tables = page.extract_tables() or []
                pages.append(PdfPage(number=index, text=_page_text(page), tables=tables))
                page.close()
        except PdfError:
            raise
        except Exception as error:
            _logger.info("PDF could not be parsed: %s", error)
            raise CorruptPdfError() from error
    if not any(page.text.strip() for page in pages):
        raise NoTextLayerError()
    return PdfContent(pages=pages)
