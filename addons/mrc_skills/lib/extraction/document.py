"""The document as lines: accent folding, lines from text and tables, labelled values and the
kind of document (certificate or CV)."""

from collections.abc import Iterable

from ..normalize import strip_accents


def fold(text: str) -> str:
    """Lower-case ``text`` and drop accents, keeping its length so that positions still match."""
    folded = []
    for char in text:
        plain = strip_accents(char).lower()
        folded.append(plain if len(plain) == 1 else char.lower()[:1] or " ")
    return "".join(folded)


def document_lines(
    texts: Iterable[str], tables: Iterable[list[list[str | None]]] = ()
) -> list[str]:
    """Return the lines of the pages' text, then each table row as ``cell: cell | cell`` lines.

    Two-cell rows become ``key: value`` so that labels in one cell and values in the next read
    like the same fact written on one line.
    """
    lines = [line.strip() for text in texts for line in (text or "").splitlines()]
    for table in tables:
        for row in table or []:
            cells = [" ".join((cell or "").split()) for cell in row or []]
            cells = [cell for cell in cells if cell]
            if len(cells) == 2:
                lines.append(f"{cells[0]}: {cells[1]}")
            elif cells:
                lines.append(" | ".join(cells))
    return [line for line in lines if line]


def _labelled_values(lines: list[str], labels: Iterable[str]) -> list[str]:
    """Return what follows each label (``label: value``) in ``lines``, or the next line."""
    values = []
    for index, line in enumerate(lines):
        folded = fold(line)
        for label in labels:
            position = folded.find(label)
            if position < 0:
                continue
            rest = line[position + len(label) :].strip(" :-#\t")
            if rest:
                values.append(rest)
            elif index + 1 < len(lines):
                values.append(lines[index + 1])
            break
    return values


def detect_kind(lines: list[str]) -> str:
    """'certificate' when the document calls itself a certificate, 'cv' otherwise."""
    head = fold(" ".join(lines[:8]))
    words = ("certificate", "certificado", "certification", "certificacion", "constancia",
             "diploma", "licence", "license", "licencia", "card", "credencial")  # fmt: skip
    if any(word in head for word in words):
        return "certificate"
    return "cv"
