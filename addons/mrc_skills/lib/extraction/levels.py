"""Skill levels stated in a document ('Level: advanced', 'Nivel 2'), as a progress 0-100."""

import re

from .document import fold

LEVELS = {
    "none": 0, "basic": 25, "basico": 25, "elementary": 25, "beginner": 25, "principiante": 25,
    "inicial": 25, "intermediate": 50, "intermedio": 50, "medio": 50, "advanced": 75,
    "avanzado": 75, "expert": 100, "experto": 100, "master": 100, "maestro": 100,
}  # fmt: skip
LEVEL_BY_NUMBER = {"1": 25, "i": 25, "2": 50, "ii": 50, "3": 75, "iii": 75, "4": 100, "iv": 100}

_LEVEL_RE = re.compile(
    r"\b(?:level|nivel|grade|grado|nc)\s*[:\-]?\s*(" + "|".join(LEVELS) + r"|[1-4]|iv|iii|ii|i)\b"
)
_LEVEL_WORD_RE = re.compile(r"\b(" + "|".join(LEVELS) + r")\b")


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
