"""Text normalisation shared by skill matching and PDF import.

``normalize`` turns free text into a canonical, comparable form: lower case, no accents, no
punctuation, single spaces, stop words removed and plural nouns reduced to their singular, with
rules for English (``en``) and Spanish (``es``). Without a language both rule sets apply, which
is what matching wants when the language of a migrant's words is not known.
"""

import re
import unicodedata

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the and or of in on at to for with by from as is are be this that these those "
        "my your his her its our their".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas y e o u de del al en con por para a que se su sus "
        "lo le les mi mis tu tus".split()
    ),
}

# Words that look plural but are not, or whose singular the suffix rules would get wrong.
_INVARIANT = frozenset(
    "analysis basis bus gas glass grass series species news physics mathematics logistics "
    "electronics textiles clothes chess lens atlas crisis paris mas menos lunes martes "
    "miercoles jueves viernes tesis crisis dosis".split()
)
_EN_IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "person",
    "feet": "foot",
    "teeth": "tooth",
    "knives": "knife",
    "leaves": "leaf",
    "shelves": "shelf",
}

_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Return ``text`` without diacritics (``"Técnico"`` → ``"Tecnico"``, ``"ñ"`` → ``"n"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def singular(word: str, lang: str | None = None) -> str:
    """Return the singular of an (already lower-case, accent-free) word.

    English: ``-ies`` → ``-y``, ``-ches/-shes/-xes/-sses`` lose ``-es``, a final ``-s`` goes.
    Spanish: ``-ces`` → ``-z``, ``-iones`` → ``-ion``, ``-es`` after ``r l n d j`` goes, a final
    ``-s`` goes. Without a language only the rules both share apply (``-iones``, ``-ies`` and a
    final ``-s``), so that a word and its plural still meet. Words of three letters or fewer,
    numbers and known invariant words are left alone.
    """
    if len(word) <= 3 or word in _INVARIANT or word.isdigit():
        return word
    if lang in (None, "en") and word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    if word.endswith("iones"):
        return word[:-5] + "ion"
    if lang == "es":
        if word.endswith("ces"):
            return word[:-3] + "z"
        if word.endswith("es") and word[-3] in "rlndj":
            return word[:-2]
    else:
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if lang == "en" and word.endswith(("ches", "shes", "xes", "sses")):
            return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize(text: str, lang: str | None = None) -> str:
    """Return the canonical form of ``text`` for comparison.

    :param text: any text (a skill name, an alias, a line of a CV); ``None`` counts as empty.
    :param lang: ``"en"``, ``"es"`` or ``None`` for both; other codes fall back to ``None``.
    :return: lower-case, accent- and punctuation-free words, stop words removed, each word in
        the singular, separated by single spaces. Stop words are kept when removing them would
        leave nothing (``"the"`` stays ``"the"``).

    >>> normalize("Operación de TRACTORES agrícolas", "es")
    'operacion tractor agricola'
    """
    if not text:
        return ""
    if lang not in STOP_WORDS:
        lang = None
    cleaned = strip_accents(str(text)).lower()
    cleaned = _PUNCTUATION.sub(" ", cleaned)
    words = _SPACES.sub(" ", cleaned).strip().split(" ")
    words = [word for word in words if word]
    if lang:
        stops = STOP_WORDS[lang]
    else:
        stops = STOP_WORDS["en"] | STOP_WORDS["es"]
    kept = [word for word in words if word not in stops] or words
    return " ".join(singular(word, lang) for word in kept)
