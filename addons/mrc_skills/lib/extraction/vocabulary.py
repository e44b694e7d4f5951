"""Fuzzy matching of a document's words against vocabularies of names and aliases: skills
(every run of words of every line), issuing bodies and occupations (the best entry for some
candidate texts).

A vocabulary maps the caller's keys (record ids, say) to names and aliases; both sides are
compared by rapidfuzz once passed through :func:`normalize.normalize`.
"""

import re
from collections.abc import Hashable, Iterable, Mapping

from rapidfuzz import fuzz, process

from ..normalize import normalize
from .data import KeyMatch, SkillMatch
from .levels import _level_in_line

DEFAULT_THRESHOLD = 86.0

_SEGMENT_SPLIT = re.compile(r"[,;|•·●▪■\u2022\t]+|\s[-–—/]\s|\s{3,}|:\s")


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
