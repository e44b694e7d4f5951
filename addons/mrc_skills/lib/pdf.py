"""Read the text and tables of a PDF with pdfplumber, refusing what cannot be read.

``read_pdf`` takes the raw bytes of an upload and returns a :class:`PdfContent` (text and tables
per page) or raises one of the :class:`PdfError` subclasses below, each naming one problem, so
that the ORM layer can turn it into a translated message. Two-column pages (CVs) are read column
by column, so that words of the two columns do not get mixed on one line.

Crafted files are refused before they cost much: references that point at themselves
(``6 0 obj 6 0 R endobj``) are caught where pdfminer would loop forever, the page tree is walked
once with a guard against loops and its size is checked (declared ``/Count`` and leaves found)
before any page is built, page boxes must be four finite numbers of a sane size, and any error
pdfminer or pdfplumber raises, ``RecursionError`` included, becomes :class:`CorruptPdfError`
(``MemoryError`` becomes :class:`TooDemandingError`). Time and memory themselves are bounded by
running this module in a child process with resource limits: see :mod:`.isolation`.
"""

import io
import logging
import math
from dataclasses import dataclass, field

_logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# Longest chain of references followed to reach an object (``1 0 R`` -> ``2 0 R`` -> ...).
MAX_REFERENCE_CHAIN = 32
# Deepest page tree walked: real files nest /Pages a few levels deep.
MAX_TREE_DEPTH = 32
# Largest page side, in points: Acrobat's limit is 14,400 (200 inches).
MAX_PAGE_SIDE = 14_400.0


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
    """The PDF has more pages than the configured limit (``pages`` as declared or counted)."""

    pages: int
    limit: int


@dataclass
class TooDemandingError(PdfError):
    """Reading the PDF needed more processor time (``resource`` ``"time"``, limit in seconds)
    or memory (``"memory"``, limit in MB) than allowed: a crafted or extremely complex file."""

    resource: str
    limit: float


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


def is_pdf_header(data: bytes) -> bool:
    """True when ``data`` starts like a PDF (``%PDF-``): a file with anything before the header,
    a PNG with a PDF appended say, is not one."""
    return bool(data) and data[: len(PDF_MAGIC)] == PDF_MAGIC


def check_bytes(data: bytes, max_size_mb: float) -> None:
    """Refuse empty, oversized and non-PDF data before parsing anything."""
    size_mb = len(data or b"") / (1024 * 1024)
    if max_size_mb and size_mb > max_size_mb:
        raise TooLargeError(size_mb=round(size_mb, 2), limit_mb=max_size_mb)
    if not is_pdf_header(data):
        raise NotPdfError()


def _column_gutter(page, min_words: int = 12) -> float | None:
    """Return the x position of a vertical gutter splitting the page in two columns, if any.

    A gutter is a band of at least 12 points in the middle half of the page that no word
    crosses while words lie on both sides of it in quantity; one-column pages return ``None``.
    Computed from the words' sorted spans, so its cost does not grow with the page's width.
    """
    words = page.extract_words(keep_blank_chars=False)
    if len(words) < min_words:
        return None
    width = float(page.width)
    start, stop = int(width * 0.25), int(width * 0.75)
    # Whole points a word covers, as closed intervals [x0, x1] of integers.
    spans = sorted((int(word["x0"]), int(word["x1"])) for word in words)
    best, best_len, cursor = None, 0, start
    for x0, x1 in [*spans, (stop + 1, stop + 1)]:
        if x1 < cursor:
            continue
        gap_end = min(x0, stop + 1)
        if gap_end - cursor > best_len:
            best, best_len = cursor + (gap_end - cursor) / 2, gap_end - cursor
        cursor = max(cursor, x1 + 1)
        if cursor > stop:
            break
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


def _safe_document_class():
    """pdfminer's PDFDocument whose ``getobj`` follows references to references itself, with a
    bound, so that pdfminer's ``resolve1`` loops (``while isinstance(x, PDFObjRef)``) always end.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjRef

    class SafeDocument(PDFDocument):
        def getobj(self, objid):
            seen = {objid}
            obj = super().getobj(objid)
            while isinstance(obj, PDFObjRef):
                if obj.objid in seen or len(seen) > MAX_REFERENCE_CHAIN:
                    raise CorruptPdfError()
                seen.add(obj.objid)
                obj = super().getobj(obj.objid)
            return obj

    return SafeDocument


def _safe_pdf_class():
    """pdfplumber's PDF over :func:`_safe_document_class`, whose pages are only those
    :func:`_page_objects` found (so that nothing, ``close`` included, walks the tree again)."""
    import pdfplumber
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfparser import PDFParser

    SafeDocument = _safe_document_class()

    class SafePdf(pdfplumber.PDF):
        def __init__(self, stream):  # pylint: disable=super-init-not-called
            # pdfplumber.PDF.__init__ builds pdfminer's own PDFDocument and resolves metadata;
            # this sets the same attributes (pdfplumber 0.11) over the guarded document.
            self.stream = stream
            self.stream_is_external = True
            self.path = None
            self.pages_to_parse = None
            self.laparams = None
            self.password = None
            self.unicode_norm = None
            self.doc = SafeDocument(PDFParser(stream), password="")
            self.rsrcmgr = PDFResourceManager()
            self.metadata = {}
            self._pages = []

        @property
        def pages(self):
            return self._pages

    return SafePdf


def _page_objects(document, max_pages: int) -> list[tuple[object, dict]]:
    """Walk the page tree once and return ``[(object id, attributes with inherited ones)]``.

    Refuses trees that declare (``/Count``) or hold more than ``max_pages`` leaves before any
    page is built, and trees with loops or deeper than :data:`MAX_TREE_DEPTH`. Falls back, like
    pdfminer, to the ``/Page`` objects of the cross-reference table when the tree is missing.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import LIT

    page_type, pages_type = LIT("Page"), LIT("Pages")
    inheritable = PDFPage.INHERITABLE_ATTRS
    catalog = document.catalog
    root = catalog.get("Pages")
    root_dict = resolve1(root)
    if isinstance(root_dict, dict):
        declared = resolve1(root_dict.get("Count"))
        if isinstance(declared, int) and max_pages and declared > max_pages:
            raise TooManyPagesError(pages=declared, limit=max_pages)
    found: list[tuple[object, dict]] = []
    visited: set = set()
    # Nodes still to visit, last first: (reference or dictionary, inherited attributes, depth).
    stack = [(root, {key: catalog[key] for key in inheritable if key in catalog}, 0)]
    budget = 50 * (max_pages or 1000) + 100
    while stack and root is not None:
        node, inherited, depth = stack.pop()
        budget -= 1
        if depth > MAX_TREE_DEPTH or budget < 0:
            raise CorruptPdfError()
        if isinstance(node, PDFObjRef):
            if node.objid in visited:
                raise CorruptPdfError()
            visited.add(node.objid)
            objid = node.objid
        else:
            objid = None
        tree = resolve1(node)
        if not isinstance(tree, dict):
            continue
        attrs = {**inherited, **tree}
        kind = tree.get("Type") or tree.get("type")
        if kind is pages_type or ("Kids" in tree and kind is not page_type):
            kids = resolve1(tree.get("Kids"))
            if not isinstance(kids, list):
                continue
            passed = {key: attrs[key] for key in inheritable if key in attrs}
            stack.extend((kid, passed, depth + 1) for kid in reversed(kids))
        elif kind is page_type:
            found.append((objid, attrs))
            if max_pages and len(found) > max_pages:
                raise TooManyPagesError(pages=len(found), limit=max_pages)
    if found:
        return found
    for xref in document.xrefs:
        for objid in xref.get_objids():
            obj = resolve1(document.getobj(objid))
            if isinstance(obj, dict) and obj.get("Type") is page_type:
                found.append((objid, obj))
                if max_pages and len(found) > max_pages:
                    raise TooManyPagesError(pages=len(found), limit=max_pages)
    return found


def _check_box(attrs: dict, key: str) -> None:
    """Refuse a page box that is not four finite numbers, or has a side over
    :data:`MAX_PAGE_SIDE` points."""
    from pdfminer.pdftypes import resolve1

    box = resolve1(attrs.get(key))
    if box is None and key != "MediaBox":
        return
    if not isinstance(box, list) or len(box) != 4:
        raise CorruptPdfError()
    values = [resolve1(value) for value in box]
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
        raise CorruptPdfError()
    x0, y0, x1, y1 = values
    if not (0 < abs(x1 - x0) <= MAX_PAGE_SIDE and 0 < abs(y1 - y0) <= MAX_PAGE_SIDE):
        raise CorruptPdfError()


def _open(data: bytes, max_pages: int):
    """Open the document and build its pages: ``(SafePdf, [pdfplumber Page])``."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    try:
        pdf = _safe_pdf_class()(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise EncryptedPdfError() from error
    except PdfError:
        raise
    except Exception as error:
        if "password" in repr(error).lower() or "encrypt" in repr(error).lower():
            raise EncryptedPdfError() from error
        raise CorruptPdfError() from error
    objects = _page_objects(pdf.doc, max_pages)
    if not objects:
        raise CorruptPdfError()
    doctop = 0
    for number, (objid, attrs) in enumerate(objects, start=1):
        _check_box(attrs, "MediaBox")
        _check_box(attrs, "CropBox")
        page_obj = PDFPage(pdf.doc, objid, attrs, None)
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        pdf.pages.append(page)
    return pdf, pdf.pages


def read_pdf(data: bytes, max_size_mb: float = 10.0, max_pages: int = 20) -> PdfContent:
    """Open PDF bytes and return their text and tables per page.

    Runs in the calling process: for uploads, call it through :func:`.isolation.read_isolated`,
    which bounds its time and memory.

    :param data: the file's content.
    :param max_size_mb: refuse larger files (0 for no limit).
    :param max_pages: refuse PDFs with more pages (0 for no limit).
    :raises NotPdfError, TooLargeError, EncryptedPdfError, CorruptPdfError, TooManyPagesError,
        NoTextLayerError, TooDemandingError: see each class.
    """
    check_bytes(data, max_size_mb)
    pages: list = []
    try:
        _pdf, pages = _open(data, max_pages)
        content = PdfContent(
            pages=[
                PdfPage(
                    number=page.page_number,
                    text=_page_text(page),
                    tables=page.extract_tables() or [],
                )
                for page in pages
            ]
        )
    except PdfError:
        raise
    except MemoryError as error:
        raise TooDemandingError(resource="memory", limit=0) from error
    except Exception as error:
        # pdfminer's PSException and PDFException, pdfplumber's own, RecursionError and the
        # KeyError, IndexError, TypeError... of malformed objects alike: it cannot be read.
        _logger.info("PDF could not be parsed: %r", error)
        raise CorruptPdfError() from error
    finally:
        for page in pages:
            try:
                page.close()
            except Exception:  # closing only drops caches: never hide the cause
                _logger.debug("PDF page could not be closed", exc_info=True)
    if not any(page.text.strip() for page in content.pages):
        raise NoTextLayerError()
    return content
