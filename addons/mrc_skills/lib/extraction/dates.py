"""Dates written in a document (ISO, day/month/year, English or Spanish month names) and which
of them are the issue and the expiry date."""

import re
from collections.abc import Iterable
from datetime import date

from .document import fold

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
