"""Crafted and hostile files for the PDF upload corpus, built in memory by code.

Each builder returns bytes. :func:`corpus` returns ``{name: bytes}``: self-referencing objects,
page-tree chains declaring 10^5 and 10^7 leaves in a kilobyte, loops in ``/Kids``, missing and
short MediaBoxes, deep nesting, a FlateDecode bomb, an operator bomb (200,000 rectangles),
200,000 characters, encrypted and image-only files, renamed non-PDFs and polyglots, and a few
valid files as controls. The raw files are written object by object with a correct
cross-reference table, so that what is under test is the objects, not the repair of a broken
table (a few files break the table on purpose).
"""

import functools
import io
import zlib

from . import pdf_factory

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE_BOX = b"[0 0 612 792]"


def build(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF 1.4 file holding ``objects`` (number: body), with a cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", length: bytes | None = None) -> bytes:
    """A stream object's body: its dictionary (``/Length`` and ``extra``) and ``data``."""
    length = length if length is not None else b"%d" % len(data)
    return b"<< /Length %s %s >>\nstream\n%s\nendstream" % (length, extra, data)


def text_ops(lines: list[str], size: int = 12, top: int = 740) -> bytes:
    """Content operators writing ``lines`` one under the other with the font /F1."""
    ops = [b"BT /F1 %d Tf 72 %d Td %d TL" % (size, top, size + 2)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(%s) Tj T*" % escaped.encode("latin-1"))
    ops.append(b"ET")
    return b"\n".join(ops)


def one_page(
    page: bytes | None = None,
    content: bytes | None = None,
    extra: dict[int, bytes] | None = None,
    pages: bytes | None = None,
    trailer: bytes = b"",
    root: int = 1,
) -> bytes:
    """A one-page file (catalog 1, page tree 2, page 3, content 4, font 5) whose parts can be
    replaced: ``page`` (the page dictionary), ``content`` (stream body), ``pages`` (tree)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: pages or b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: page
        or b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>"
        % PAGE_BOX,
        4: content or stream(text_ops(["Certificate of competence", "Welding"])),
        5: FONT,
    }
    objects.update(extra or {})
    return build(objects, root=root, trailer=trailer)


def page_with(**attrs: bytes) -> bytes:
    """The page dictionary of :func:`one_page` with ``attrs`` replaced (None drops one)."""
    values = {
        b"Type": b"/Page",
        b"Parent": b"2 0 R",
        b"MediaBox": PAGE_BOX,
        b"Resources": b"<< /Font << /F1 5 0 R >> >>",
        b"Contents": b"4 0 R",
    }
    for key, value in attrs.items():
        if value is None:
            values.pop(key.encode(), None)
        else:
            values[key.encode()] = value
    return b"<< " + b" ".join(b"/%s %s" % item for item in values.items()) + b" >>"


def chain(levels: int, kids: int = 10, count: int | None = None) -> bytes:
    """A page tree ``levels`` deep whose every node lists the same child ``kids`` times:
    ``kids ** levels`` leaves declared in about a kilobyte. ``count`` overrides the /Count."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: stream(text_ops(["Welding"]))}
    for level in range(levels):
        number, child = 10 + level, 10 + level + 1
        leaves = kids ** (levels - level)
        objects[number] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join([b"%d 0 R" % child] * kids),
            leaves if count is None else count,
        )
    objects[10 + levels] = (
        b"<< /Type /Page /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>" % PAGE_BOX
    )
    objects[5] = FONT
    return build(objects)


def deep_tree(depth: int) -> bytes:
    """A page tree of one leaf under ``depth`` nested /Pages nodes."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: stream(text_ops(["Welding"]))}
    for level in range(depth):
        objects[10 + level] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (10 + level + 1)
    objects[10 + depth] = (
        b"<< /Type /Page /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>" % PAGE_BOX
    )
    objects[5] = FONT
    return build(objects)


def flate_bomb(megabytes: int = 1024) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB of spaces (about 1 MB).

    Built without compressing a gigabyte: after a full flush, deflate compresses each further
    megabyte of spaces to the same bytes, which are repeated; the checksum is computed."""
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.flush(zlib.Z_FINISH)
    # Adler-32 of n equal bytes v: A = 1 + n v, B = n + v n (n + 1) / 2 (both modulo 65521).
    size = megabytes * len(chunk)
    low, high = (1 + size * 32) % 65521, (size + 32 * size * (size + 1) // 2) % 65521
    body = (
        b"x\xda"
        + first
        + block * (megabytes - 1)
        + last
        + bytes([high >> 8, high & 255, low >> 8, low & 255])
    )
    return one_page(content=stream(body, b"/Filter /FlateDecode"))


def operator_bomb(count: int = 200_000) -> bytes:
    """A page drawing ``count`` tiny rectangles (compressed), plus one line of text."""
    ops = b"\n".join(b"%d %d 1 1 re f" % (i % 600, (i // 600) % 780) for i in range(count))
    body = zlib.compress(text_ops(["Welding"]) + b"\n" + ops, 1)
    return one_page(content=stream(body, b"/Filter /FlateDecode"))


def many_characters(total: int = 200_000, pages: int = 20) -> bytes:
    """``pages`` pages holding ``total`` characters of words in small type."""
    per_page = total // pages
    word = "welding tiling cooking "
    line = (word * 8)[:150]
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 5: FONT}
    kids = []
    for index in range(pages):
        page_number, content_number = 10 + 2 * index, 11 + 2 * index
        lines = [line] * (per_page // len(line))
        objects[content_number] = stream(
            zlib.compress(text_ops(lines, size=4, top=780), 6), b"/Filter /FlateDecode"
        )
        objects[page_number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_BOX, content_number)
        )
        kids.append(b"%d 0 R" % page_number)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return build(objects)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Welding</w:document>")
    return buffer.getvalue()


def certificate(number: str) -> bytes:
    """A valid certificate with a text layer (a control: it is read)."""
    return pdf_factory.certificate_pdf(
        "CERTIFICATE OF COMPETENCE",
        [
            "This certifies that the holder",
            "is competent in: Welding",
            "Level: Expert",
            f"Certificate number: {number}",
            "Date of issue: 15 March 2024",
        ],
    )


@functools.cache
def corpus() -> dict[str, bytes]:
    """Every crafted file of the corpus, by name (built once per process)."""
    selfref = {6: b"6 0 R"}
    valid = certificate("CORPUS-0001")
    files = {
        # controls, read
        "valid_certificate": valid,
        "valid_raw_writer": one_page(),
        "valid_three_pages": pdf_factory.many_pages_pdf(3),
        # self-referencing objects: 6 0 obj 6 0 R endobj
        "selfref_mediabox": one_page(page=page_with(MediaBox=b"6 0 R"), extra=selfref),
        "selfref_contents": one_page(page=page_with(Contents=b"6 0 R"), extra=selfref),
        "selfref_resources": one_page(page=page_with(Resources=b"6 0 R"), extra=selfref),
        "selfref_kids": one_page(pages=b"<< /Type /Pages /Kids 6 0 R /Count 1 >>", extra=selfref),
        "selfref_count": one_page(
            pages=b"<< /Type /Pages /Kids [3 0 R] /Count 6 0 R >>", extra=selfref
        ),
        "selfref_length": one_page(
            content=stream(text_ops(["Welding"]), length=b"6 0 R"), extra=selfref
        ),
        "selfref_info": one_page(extra=selfref, trailer=b"/Info 6 0 R"),
        "selfref_root": one_page(extra=selfref, root=6),
        "selfref_font": one_page(extra={5: b"5 0 R"}),
        "ref_cycle_two": one_page(
            page=page_with(MediaBox=b"6 0 R"), extra={6: b"7 0 R", 7: b"6 0 R"}
        ),
        "ref_chain_long": one_page(
            page=page_with(MediaBox=b"100 0 R"),
            extra={100 + i: b"%d 0 R" % (101 + i) for i in range(60)} | {160: PAGE_BOX},
        ),
        # page-tree chains: 10 kids a node
        "chain_1e5": chain(5),
        "chain_1e7": chain(7),
        "chain_1e5_count_1": chain(5, count=1),
        "chain_1e7_count_1": chain(7, count=1),
        "count_1e9_one_page": one_page(pages=b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>"),
        # loops in /Kids
        "kids_loop_root": one_page(pages=b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"),
        "kids_loop_two_nodes": one_page(
            pages=b"<< /Type /Pages /Kids [7 0 R] /Count 1 >>",
            extra={7: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"},
        ),
        "kids_page_twice": one_page(pages=b"<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>"),
        # MediaBoxes
        "mediabox_missing": one_page(page=page_with(MediaBox=None)),
        "mediabox_short": one_page(page=page_with(MediaBox=b"[0 0 612]")),
        "mediabox_strings": one_page(page=page_with(MediaBox=b"[(a) (b) (c) (d)]")),
        "mediabox_huge": one_page(page=page_with(MediaBox=b"[0 0 200000000 792]")),
        "mediabox_empty": one_page(page=page_with(MediaBox=b"[0 0 0 0]")),
        "mediabox_nested": one_page(page=page_with(MediaBox=b"[[0 0] [612 792]]")),
        # deep nesting
        "deep_array": one_page(page=page_with(MediaBox=b"[" * 50_000 + b"]" * 50_000)),
        "deep_dict_resources": one_page(
            page=page_with(Resources=b"<< /A " * 20_000 + b"1" + b" >>" * 20_000)
        ),
        "deep_page_tree": deep_tree(200),
        "xobject_draws_itself": one_page(
            page=page_with(Resources=b"<< /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>"),
            extra={
                6: stream(
                    b"/X Do",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                    b"/Resources << /XObject << /X 6 0 R >> >>",
                )
            },
        ),
        # bombs
        "flate_bomb_1gb": flate_bomb(1024),
        "operator_bomb_200k": operator_bomb(200_000),
        "characters_200k": many_characters(200_000, 20),
        "length_wrong": one_page(content=stream(text_ops(["Welding"]), length=b"999999999")),
        # protected and scanned
        "encrypted": pdf_factory.text_pdf(["Welding"], encrypt="secret"),
        "image_only": pdf_factory.image_only_pdf(),
        # broken files
        "truncated": valid[: len(valid) // 2],
        "header_only": b"%PDF-1.7\n",
        "garbage_after_header": b"%PDF-1.4\n" + bytes(range(256)) * 40,
        "no_xref": valid.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx"),
        # renamed non-PDFs
        "png_renamed": png_bytes(),
        "zip_renamed": zip_bytes(),
        "html_renamed": b"<!DOCTYPE html><html><body>%PDF-1.4 Welding</body></html>",
        "text_renamed": b"Certificate of competence: Welding\n",
        "gif_renamed": b"GIF89a" + b"\x00" * 200,
        "empty": b"",
        # polyglots
        "polyglot_png_pdf": png_bytes() + valid,
        "junk_before_header": b"junk\n" + valid,
    }
    return files
