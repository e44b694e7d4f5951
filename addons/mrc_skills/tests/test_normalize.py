"""Plain pytest functions for lib/normalize.py (no database)."""

import pytest

from odoo.addons.mrc_skills.lib.normalize import normalize, singular, strip_accents


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("WELDING", None, "welding"),
        ("Técnico en Soldadura", "es", "tecnico soldadura"),
        ("Forklift-Operation!", "en", "forklift operation"),
        ("Operación de TRACTORES agrícolas", "es", "operacion tractor agricola"),
        ("Care of the elderly", "en", "care elderly"),
        ("Cuidado de niños", "es", "cuidado nino"),
        ("Carpenters & joiners", "en", "carpenter joiner"),
        ("luces", "es", "luz"),
        ("paredes", "es", "pared"),
        ("boxes", "en", "box"),
        ("babies", "en", "baby"),
        ("instalaciones eléctricas", "es", "instalacion electrica"),
    ],
)
def test_normalize_case_accents_punctuation_plurals_stop_words(text, lang, expected):
    """Case, accents, punctuation, plurals and stop words do not change what a text means."""
    assert normalize(text, lang) == expected, f"normalize({text!r}, {lang!r})"


def test_normalize_same_for_singular_and_plural_without_language():
    """Without a language, a word and its plural still normalize to the same form."""
    assert normalize("Welders") == normalize("welder"), "plural and singular differ"
    assert normalize("Offices") == normalize("office"), "plural and singular differ"


def test_normalize_keeps_a_text_made_only_of_stop_words():
    """Removing stop words never leaves an empty string when there was text."""
    assert normalize("the", "en") == "the", "a lone stop word vanished"


def test_normalize_empty_and_none():
    """Empty input gives an empty string, without error."""
    assert normalize("") == "", "empty text"
    assert normalize(None) == "", "None"


def test_unknown_language_falls_back_to_both():
    """An unsupported language code is treated as unknown, not as an error."""
    assert normalize("Los soldadores and the welders", "tl") == "soldadore welder"


def test_strip_accents_and_singular_leave_short_words():
    """Accents go; short words and invariant words are not 'singularised'."""
    assert strip_accents("Àéñü") == "Aenu", "accents kept"
    assert singular("gas") == "gas", "short word changed"
    assert singular("series") == "series", "invariant word changed"
