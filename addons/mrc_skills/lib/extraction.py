"""Propose skills, occupation, certificate number, issuing body, level and dates from the text
and tables of a certificate or a CV.

Everything here is plain data in, plain data out: the caller passes the pages' text and tables
(as :mod:`pdf` returns them) and vocabularies mapping its own keys (record ids, say) to names
and aliases; :func:`extract` returns an :class:`Extraction` naming those keys with scores from
0 to 100. Matching is fuzzy (rapidfuzz) over :func:`normalize.normalize`d text, so that case,
accents, plurals, stop words and small typos do not matter, in English and Spanish.
"""

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from .normalize import normalize, strip_accents

DEFAULT_THRESHOLD = 86.0

MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "set": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
}  # fmt: skip

ISSUE_WORDS = (
    "date of issue", "issue date", "issued on", "issued", "date issued", "awarded on",
    "awarded", "granted", "certified on", "fecha de emision", "fecha de expedicion",
    "expedido el", "expedido", "expedicion", "emitido el", "emitido", "emision", "otorgado",
    "fecha de otorgamiento", "dado en", "fecha:", "date:",
)  # fmt: skip
EXPIRY_WORDS = (
    "expiry date", "expiration date", "date of expiry", "expires on", "expires", "expiry",
    "expiration", "valid until", "valid through", "valid to", "valid thru", "fecha de vencimiento",
    "vencimiento", "vence el", "vence", "valido hasta", "vigente hasta", "vigencia hasta",
    "fecha de caducidad", "caduca el", "caduca",
)  # fmt: skip
NUMBER_WORDS = (
    r"certificate\s*(?:number|no\.?|n[ou]m\.?|#|id)",
    r"cert\.?\s*(?:no\.?|#|number)",
    r"licen[cs]e\s*(?:number|no\.?|#)",
    r"registration\s*(?:number|no\.?|#)",
    r"credential\s*(?:id|number|no\.?)",
    r"n(?:u|ú)mero\s*de\s*(?:certificado|registro|folio|constancia|licencia)",
    r"(?:no|n\.?\s*[oº°])\.?\s*de\s*(?:certificado|registro|folio|constancia)",
    r"folio(?:\s*(?:no\.?|n[uú]m\.?|number))?",
    r"registro",
    r"c[oó]digo\s*de\s*verificaci[oó]n",
)
OCCUPATION_WORDS = (
    "occupation", "ocupacion", "job title", "position", "puesto", "oficio", "profession",
    "profesion", "cargo", "desired job", "trade", "occupational title",
)  # fmt: skip
ISSUER_WORDS = (
    "issued by", "awarded by", "certified by", "issuing body", "issuing authority",
    "expedido por", "emitido por", "otorgado por", "entidad certificadora", "organismo",
    "institucion",
)  # fmt: skip
LEVELS = {
    "none": 0, "basic": 25, "basico": 25, "elementary": 25, "beginner": 25, "principiante": 25,
    "inicial": 25, "intermediate": 50, "intermedio": 50, "medio": 50, "advanced": 75,
    "avanzado": 75, "expert": 100, "experto": 100, "master": 100, "maestro": 100,
}  # fmt: skip
LEVEL_BY_NUMBER = {"1": 25, "i": 25, "2": 50, "ii": 50, "3": 75, "iii": 75, "4": 100, "iv": 100}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    # 2024-03-15
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), "ymd"),
    # 15/03/2024, 15-03-2024, 15.03.2024
    (re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b"), "dmy"),
    # 15 March 2024, 15 de marzo de 2024, 15-mar-2024, 15th of March, 2024
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th|o|º)?[\s\-/.]*(?:de\s+|of\s+)?({_MONTH_ALT})\.?"
            rf"[\s\-/.,]*(?:de\s+|del\s+)?(\d{{4}})\b"
        ),
        "d_month_y",
    ),
    # March 15, 2024 / marzo 15 de 2024
    (
        re.compile(
            rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:de\s+|del\s+)?(\d{{4}})\b"
        ),
        "month_d_y",
    ),
]
_LEVEL_RE = re.compile(
    r"\b(?:level|nivel|grade|grado|nc)\s*[:\-]?\s*(" + "|".join(LEVELS) + r"|[1-4]|iv|iii|ii|i)\b"
)
_LEVEL_WORD_RE = re.compile(r"\b(" + "|".join(LEVELS) + r")\b")
_SEGMENT_SPLIT = re.compile(r"[,;|•·●▪■\u2022\t]+|\s[-–—/]\s|\s{3,}|:\s")


@dataclass
class SkillMatch:
    """A vocabulary entry found in the text: its key, score 0-100, the words that matched, the
    name or alias they matched, and the level stated next to it, as a progress 0-100 (or None).
    """

    key: Hashable
    score: float
    text: str
    alias: str
    level_progress: int | None = None


@dataclass
class KeyMatch:
    """A vocabulary entry (occupation, issuing body) found in the text, with its score."""

    key: Hashable
    score: float
    text: str


@dataclass
class Extraction:
    """Everything proposed for one document."""

    skills: list[SkillMatch] = field(default_factory=list)
    occupation: KeyMatch | None = None
    issuer: KeyMatch | None = None
    number: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    level_progress: int | None = None
    kind: str = "cv"

    @property
    def is_empty(self) -> bool:
        """True when nothing at all was recognised."""
        return not (
            self.skills
            or self.occupation
            or self.issuer
            or self.number
            or self.issue_date
            or self.expiry_date
        )


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


def parse_dates(line: str) -> list[tuple[int, date]]:
    """Return ``(position, date)`` for every date written in ``line`` (folded or not).

    Accepts ISO dates, day/month/year with ``/ - .`` (month/day when the day part is over 12),
    and English or Spanish month names, full or abbreviated, before or after the day.
    """
    folded = fold(line)
    found: dict[int, date] = {}
    taken: list[tuple[int, int]] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(folded):
            if any(start <= match.start() < end for start, end in taken):
                continue
            a, b, c = match.groups()
            try:
                if order == "ymd":
                    value = date(int(a), int(b), int(c))
                elif order == "dmy":
                    day, month = int(a), int(b)
                    if month > 12 >= day:
                        day, month = month, day
                    value = date(int(c), month, day)
                elif order == "d_month_y":
                    value = date(int(c), MONTHS[b], int(a))
                else:
                    value = date(int(c), MONTHS[a], int(b))
            except (ValueError, KeyError):
                continue
            if 1950 <= value.year <= 2100:
                found[match.start()] = value
                taken.append((match.start(), match.end()))
    return sorted(found.items())


def _keyword_before(folded: str, position: int, words: Iterable[str]) -> int:
    """Return the end position of the last keyword ending before ``position`` (or -1)."""
    best = -1
    for word in words:
        index = folded.rfind(word, 0, position)
        if index >= 0:
            best = max(best, index + len(word))
    return best


def find_dates(lines: list[str]) -> tuple[date | None, date | None]:
    """Return (issue date, expiry date) found in ``lines``.

    A date belongs to the nearest issue or expiry keyword before it on its line, or on the
    line before when its own line has none; unlabelled dates fill what is left, the earliest
    as issue date and a later one as expiry date.
    """
    issue = expiry = None
    loose: list[date] = []
    previous = ""
    for line in lines:
        folded = fold(line)
        for position, value in parse_dates(line):
            issue_at = _keyword_before(folded, position, ISSUE_WORDS)
            expiry_at = _keyword_before(folded, position, EXPIRY_WORDS)
            if issue_at < 0 and expiry_at < 0 and not parse_dates(previous):
                prev_folded = fold(previous)
                issue_at = _keyword_before(prev_folded, len(prev_folded), ISSUE_WORDS)
                expiry_at = _keyword_before(prev_folded, len(prev_folded), EXPIRY_WORDS)
            if expiry_at > issue_at and expiry is None:
                expiry = value
            elif issue_at > expiry_at and issue is None:
                issue = value
            else:
                loose.append(value)
        previous = line
    loose.sort()
    if issue is None and loose:
        issue = loose.pop(0)
    if expiry is None and loose and issue and loose[-1] > issue:
        expiry = loose[-1]
    if issue and expiry and expiry < issue:
        issue, expiry = expiry, issue
    return issue, expiry


_NUMBER_RE = re.compile(
    r"(?:" + "|".join(NUMBER_WORDS) + r")\s*[:#.\-]?\s*(?:no\.?\s*)?[:#]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9\-/.]{2,30}[A-Za-z0-9])",
    re.IGNORECASE,
)


def find_number(lines: list[str]) -> str | None:
    """Return the certificate number written after a number label (English or Spanish).

    The value must contain at least one digit, so that a label followed by a word is ignored.
    """
    for line in lines:
        for match in _NUMBER_RE.finditer(line):
            value = match.group(1).strip(".-/")
            if any(char.isdigit() for char in value):
                return value
    return None


def find_level(text: str) -> int | None:
    """Return the level progress (0-100) stated in ``text`` ('Level: advanced', 'Nivel 2')."""
    folded = fold(text)
    match = _LEVEL_RE.search(folded)
    if match:
        word = match.group(1)
        return LEVELS.get(word, LEVEL_BY_NUMBER.get(word))
    return None


def _level_in_line(text: str) -> int | None:
    level = find_level(text)
    if level is not None:
        return level
    match = _LEVEL_WORD_RE.search(fold(text))
    return LEVELS[match.group(1)] if match else None


def _prepare(vocabulary: Mapping[Hashable, Iterable[str]]) -> tuple[list[str], list, list[str]]:
    """Flatten ``{key: names}`` into parallel lists of normalized names, keys and names."""
    normalized, keys, names = [], [], []
    seen = set()
    for key, entries in vocabulary.items():
        for name in entries:
            norm = normalize(name)
            if norm and (norm, key) not in seen:
                seen.add((norm, key))
                normalized.append(norm)
                keys.append(key)
                names.append(name)
    return normalized, keys, names


def _cutoff(name: str, threshold: float) -> float:
    """Short names must match exactly; a typo is tolerated in longer ones."""
    if len(name) <= 4:
        return 100.0
    if len(name) <= 7:
        return max(threshold, 90.0)
    return threshold


def _segments(line: str) -> list[str]:
    return [segment.strip() for segment in _SEGMENT_SPLIT.split(line) if segment.strip()]


def find_skills(
    lines: list[str],
    vocabulary: Mapping[Hashable, Iterable[str]],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[SkillMatch]:
    """Return the vocabulary entries found in ``lines``, best score first, one per key.

    Every run of 1 to n consecutive words of each segment of a line (n being the longest name)
    is compared with every normalized name and alias by ``fuzz.ratio``; longer and better runs
    win, and a run inside an already matched one is not matched again.
    """
    normalized, keys, names = _prepare(vocabulary)
    if not normalized:
        return []
    lengths = sorted({len(name.split()) for name in normalized}, reverse=True)
    cutoffs = [_cutoff(name, threshold) for name in normalized]
    grams, spans = [], []
    for line_index, line in enumerate(lines):
        for segment_index, segment in enumerate(_segments(line)):
            words = normalize(segment).split()
            for size in lengths:
                for start in range(len(words) - size + 1):
                    grams.append(" ".join(words[start : start + size]))
                    spans.append((line_index, segment_index, start, start + size))
    if not grams:
        return []
    unique_grams = list(dict.fromkeys(grams))
    scores = process.cdist(
        unique_grams, normalized, scorer=fuzz.ratio, score_cutoff=min(cutoffs), workers=1
    )
    best_by_gram: dict[str, tuple[float, int]] = {}
    for gram_index, gram in enumerate(unique_grams):
        row = scores[gram_index]
        candidates = [
            (row[name_index], name_index)
            for name_index in row.nonzero()[0]
            if row[name_index] >= cutoffs[name_index]
        ]
        if candidates:
            best_by_gram[gram] = max(candidates, key=lambda item: (item[0], -item[1]))
    hits = []
    for gram, span in zip(grams, spans):
        if gram in best_by_gram:
            score, name_index = best_by_gram[gram]
            hits.append((score, span[3] - span[2], span, gram, name_index))
    hits.sort(key=lambda hit: (-hit[0], -hit[1]))
    used: dict[tuple[int, int], list[tuple[int, int]]] = {}
    found: dict[Hashable, SkillMatch] = {}
    for score, _size, (line_index, segment_index, start, end), gram, name_index in hits:
        taken = used.setdefault((line_index, segment_index), [])
        if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            continue
        taken.append((start, end))
        key = keys[name_index]
        if key not in found or found[key].score < score:
            found[key] = SkillMatch(
                key=key,
                score=round(float(score), 1),
                text=gram,
                alias=names[name_index],
                level_progress=_level_in_line(lines[line_index]),
            )
    return sorted(found.values(), key=lambda match: (-match.score, str(match.key)))


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


def contained_score(name: str, text: str) -> float:
    """Score how well ``name`` appears inside ``text``: the best alignment of the name within a
    longer text (``partial_ratio``), a plain ``ratio`` when the text is the shorter one."""
    if len(text) < len(name):
        return fuzz.ratio(name, text)
    return fuzz.partial_ratio(name, text)


def find_best(
    candidates: list[str],
    vocabulary: Mapping[Hashable, Iterable[str]],
    threshold: float = DEFAULT_THRESHOLD,
    scorer=contained_score,
) -> KeyMatch | None:
    """Return the vocabulary entry closest to any of ``candidates`` above ``threshold``.

    Names of five letters or fewer (acronyms) must appear as a whole word.
    """
    normalized, keys, _names = _prepare(vocabulary)
    best: KeyMatch | None = None
    for candidate in candidates:
        text = normalize(candidate)
        if not text:
            continue
        words = set(text.split())
        for name, key in zip(normalized, keys):
            if len(name) <= 5 and " " not in name:
                score = 100.0 if name in words else 0.0
            else:
                score = scorer(name, text)
            if score >= threshold and (best is None or score > best.score):
                best = KeyMatch(key=key, score=round(float(score), 1), text=candidate)
    return best


def _occupation_parts(vocabulary: Mapping[Hashable, Iterable[str]]) -> dict[Hashable, list[str]]:
    """Split titles like 'Carpenters and joiners' into their parts, kept with the whole."""
    parts: dict[Hashable, list[str]] = {}
    for key, names in vocabulary.items():
        entries = []
        for name in names:
            entries.append(name)
            pieces = re.split(r",| and | y | e |\(|\)", name)
            entries += [piece.strip() for piece in pieces if len(piece.strip()) > 3]
        parts[key] = entries
    return parts


def detect_kind(lines: list[str]) -> str:
    """'certificate' when the document calls itself a certificate, 'cv' otherwise."""
    head = fold(" ".join(lines[:8]))
    words = ("certificate", "certificado", "certification", "certificacion", "constancia",
             "diploma", "licence", "license", "licencia", "card", "credencial")  # fmt: skip
    if any(word in head for word in words):
        return "certificate"
    return "cv"


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
