"""Propose skills, occupation, certificate number, issuing body, level and dates from the text
and tables of a certificate or a CV.

Everything here is plain data in, plain data out: the caller passes the pages' text and tables
(as :mod:`pdf` returns them) and vocabularies mapping its own keys (record ids, say) to names
and aliases; :func:`extract` returns an :class:`Extraction` naming those keys with scores from
0 to 100. Matching is fuzzy (rapidfuzz) over :func:`normalize.normalize`d text, so that case,
accents, plurals, stop words and small typos do not matter, in English and Spanish.

Layout (everything public is importable from this package, callers need not know it):

* :mod:`.data`: the dataclasses :class:`SkillMatch`, :class:`KeyMatch`, :class:`Extraction`;
* :mod:`.document`: :func:`fold`, :func:`document_lines`, labelled values and
  :func:`detect_kind`;
* :mod:`.dates`: :func:`parse_dates` and :func:`find_dates`, with their month names and
  issue and expiry keywords;
* :mod:`.identifiers`: :func:`find_number`, the certificate number;
* :mod:`.levels`: :func:`find_level`, the skill level as a progress 0-100;
* :mod:`.vocabulary`: the fuzzy matchers :func:`find_skills` and :func:`find_best`;
* this ``__init__``: :func:`extract`, which reads :data:`ISSUER_WORDS` and
  :data:`OCCUPATION_WORDS` here (so that setting ``extraction.ISSUER_WORDS`` changes them).
"""

from collections.abc import Hashable, Iterable, Mapping

from rapidfuzz import fuzz

from .data import Extraction, KeyMatch, SkillMatch
from .dates import EXPIRY_WORDS, ISSUE_WORDS, MONTHS, find_dates, parse_dates
from .document import _labelled_values, detect_kind, document_lines, fold
from .identifiers import NUMBER_WORDS, find_number
from .levels import LEVEL_BY_NUMBER, LEVELS, find_level
from .vocabulary import (
    DEFAULT_THRESHOLD,
    _occupation_parts,
    contained_score,
    find_best,
    find_skills,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "EXPIRY_WORDS",
    "ISSUER_WORDS",
    "ISSUE_WORDS",
    "LEVELS",
    "LEVEL_BY_NUMBER",
    "MONTHS",
    "NUMBER_WORDS",
    "OCCUPATION_WORDS",
    "Extraction",
    "KeyMatch",
    "SkillMatch",
    "contained_score",
    "detect_kind",
    "document_lines",
    "extract",
    "find_best",
    "find_dates",
    "find_level",
    "find_number",
    "find_skills",
    "fold",
    "parse_dates",
]

OCCUPATION_WORDS = (
    "occupation", "ocupacion", "job title", "position", "puesto", "oficio", "profession",
    "profesion", "cargo", "desired job", "trade", "occupational title",
)  # fmt: skip
ISSUER_WORDS = (
    "issued by", "awarded by", "certified by", "issuing body", "issuing authority",
    "expedido por", "emitido por", "otorgado por", "entidad certificadora", "organismo",
    "institucion",
)  # fmt: skip


def extract(
    texts: Iterable[str],
    tables: Iterable[list[list[str | None]]] = (),
    skills: Mapping[Hashable, Iterable[str]] | None = None,
    bodies: Mapping[Hashable, Iterable[str]] | None = None,
    occupations: Mapping[Hashable, Iterable[str]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Extraction:
    """Read one document and propose what it says.

    :param texts: the text of each page.
    :param tables: the tables of all pages, each a list of rows of cells.
    :param skills: ``{key: [name, alias, ...]}`` of known skills.
    :param bodies: ``{key: [name, acronym, ...]}`` of known issuing bodies.
    :param occupations: ``{key: [title, ...]}`` of occupations.
    :param threshold: minimum fuzzy score (0-100) of a match.
    :return: an :class:`Extraction`; its ``is_empty`` says when nothing was recognised.
    """
    lines = document_lines(list(texts), list(tables))
    result = Extraction(kind=detect_kind(lines))
    if not lines:
        return result
    result.skills = find_skills(lines, skills or {}, threshold)
    result.number = find_number(lines)
    result.issue_date, result.expiry_date = find_dates(lines)
    result.level_progress = find_level("\n".join(lines))
    if bodies:
        labelled = _labelled_values(lines, ISSUER_WORDS)
        result.issuer = find_best(labelled, bodies, threshold) or find_best(
            lines, bodies, max(threshold, 90.0)
        )
    if occupations:
        labelled = _labelled_values(lines, OCCUPATION_WORDS)
        result.occupation = find_best(
            labelled, _occupation_parts(occupations), threshold, scorer=fuzz.ratio
        )
    for match in result.skills:
        if match.level_progress is None:
            match.level_progress = result.level_progress
    return result
