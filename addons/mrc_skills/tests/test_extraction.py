"""Plain pytest functions for lib/extraction over PDFs the tests build themselves."""

from datetime import date

import pytest

from odoo.addons.mrc_skills.lib import extraction, pdf
from odoo.addons.mrc_skills.tests import pdf_factory

SKILLS = {
    "welding": ["Welding", "Soldadura", "welder", "soldador", "soldadura por arco"],
    "forklift": ["Forklift operation", "Operación de montacargas", "montacargas", "fork lift"],
    "cooking": ["Cooking", "Cocina", "cook", "cocinero"],
    "first_aid": ["First aid", "Primeros auxilios", "CPR", "RCP"],
    "tiling": ["Tiling", "Colocación de azulejos", "tiler"],
    "elderly_care": ["Elderly care", "Cuidado de adultos mayores", "caregiving"],
    "room_attendant": ["Room attendant", "Camarista", "camarera de piso"],
}
BODIES = {
    "conocer": [
        "Consejo Nacional de Normalización y Certificación de Competencias Laborales",
        "CONOCER",
    ],
    "tesda": ["Technical Education and Skills Development Authority", "TESDA"],
    "red_cross": ["Cruz Roja Mexicana"],
}
OCCUPATIONS = {
    "7212": ["Welders and flamecutters", "Soldadores y oxicortadores"],
    "5120": ["Cooks", "Cocineros"],
    "8344": ["Lifting truck operators", "Operadores de autoelevadoras"],
}


def run(data):
    content = pdf.read_pdf(data)
    return extraction.extract(
        [page.text for page in content.pages],
        [table for page in content.pages for table in page.tables],
        skills=SKILLS,
        bodies=BODIES,
        occupations=OCCUPATIONS,
    )


def spanish_certificate():
    return pdf_factory.certificate_pdf(
        "CERTIFICADO DE COMPETENCIA LABORAL",
        [
            "El Consejo Nacional de Normalización y Certificación de Competencias Laborales",
            "certifica que María López Hernández",
            "es competente en: Soldadura por arco",
            "Nivel: Avanzado",
            "Número de certificado: CON-2023-00451",
            "Fecha de emisión: 15 de marzo de 2023",
            "Vigencia hasta: 14 de marzo de 2026",
            "Ocupación: Soldador",
        ],
    )


def test_spanish_certificate_gives_skill_level_number_body_dates_and_occupation():
    """A Spanish certificate yields its skill, level, number, issuing body, dates, occupation."""
    result = run(spanish_certificate())
    assert result.kind == "certificate", "not seen as a certificate"
    assert [match.key for match in result.skills] == ["welding"], f"skills: {result.skills}"
    assert result.skills[0].level_progress == 75, "'Avanzado' is the advanced level"
    assert result.number == "CON-2023-00451", f"number: {result.number}"
    assert result.issuer and result.issuer.key == "conocer", f"issuer: {result.issuer}"
    assert result.issue_date == date(2023, 3, 15), f"issue date: {result.issue_date}"
    assert result.expiry_date == date(2026, 3, 14), f"expiry date: {result.expiry_date}"
    assert result.occupation and result.occupation.key == "7212", f"{result.occupation}"


def test_table_based_certificate():
    """Facts written in a table (label cell, value cell) are read like labelled lines."""
    data = pdf_factory.table_pdf(
        "Certificate of Competency",
        [
            ["Field", "Value"],
            ["Holder", "Juan Pérez"],
            ["Qualification", "Forklift operation"],
            ["Level", "Intermediate"],
            ["Certificate No.", "TESDA-NC2-889912"],
            ["Issued by", "Technical Education and Skills Development Authority"],
            ["Date of issue", "2022-06-01"],
            ["Valid until", "01/06/2027"],
        ],
    )
    result = run(data)
    assert [match.key for match in result.skills] == ["forklift"], f"{result.skills}"
    assert result.skills[0].level_progress == 50, "'Intermediate' is the intermediate level"
    assert result.number == "TESDA-NC2-889912", f"number: {result.number}"
    assert result.issuer and result.issuer.key == "tesda", f"issuer: {result.issuer}"
    assert (result.issue_date, result.expiry_date) == (date(2022, 6, 1), date(2027, 6, 1))


def test_two_column_cv_finds_skills_of_both_columns_and_no_number():
    """A two-column CV gives the skills of both columns, misspelt ones included."""
    data = pdf_factory.sample_cv("Maria Lopez")
    result = run(data)
    found = {match.key for match in result.skills}
    expected = {"welding", "forklift", "tiling", "cooking", "elderly_care", "room_attendant"}
    assert expected | {"first_aid"} == found, f"found {found}"
    assert result.kind == "cv", "a CV taken for a certificate"
    assert result.number is None, f"a CV has no certificate number: {result.number}"
    welding = next(match for match in result.skills if match.key == "welding")
    assert welding.score < 100, "a misspelling should not score as an exact match"


def test_nothing_recognised_is_empty():
    """A PDF about something else yields an empty extraction."""
    result = run(pdf_factory.text_pdf(["Lorem ipsum dolor sit amet", "Consectetur adipiscing"]))
    assert result.is_empty, f"something was recognised: {result}"


def test_short_names_need_an_exact_match():
    """An acronym such as CPR does not match a similar short word (CPU)."""
    result = extraction.extract(["Repaired the CPU of computers"], skills=SKILLS)
    assert not result.skills, f"short name matched fuzzily: {result.skills}"
    result = extraction.extract(["Trained in CPR"], skills=SKILLS)
    assert [match.key for match in result.skills] == ["first_aid"], "CPR not found"


def test_longer_match_wins_over_a_word_inside_it():
    """'soldadura por arco' is one match, not also 'soldadura' again."""
    matches = extraction.find_skills(["Soldadura por arco"], SKILLS)
    assert len(matches) == 1 and matches[0].alias == "soldadura por arco", f"{matches}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-03-15", date(2024, 3, 15)),
        ("15/03/2024", date(2024, 3, 15)),
        ("03/15/2024", date(2024, 3, 15)),
        ("15.03.2024", date(2024, 3, 15)),
        ("15 March 2024", date(2024, 3, 15)),
        ("March 15, 2024", date(2024, 3, 15)),
        ("15th of March, 2024", date(2024, 3, 15)),
        ("15 de marzo de 2024", date(2024, 3, 15)),
        ("15-MAR-2024", date(2024, 3, 15)),
        ("1 de septiembre del 2024", date(2024, 9, 1)),
        ("Diciembre 3 de 2021", date(2021, 12, 3)),
        ("3 ago 2021", date(2021, 8, 3)),
    ],
)
def test_dates_in_several_formats_and_languages(line, expected):
    """Dates are read in ISO, numeric and English or Spanish month-name forms."""
    assert [value for _pos, value in extraction.parse_dates(line)] == [expected], line


def test_impossible_dates_are_ignored():
    """'31/02/2024' is no date at all."""
    assert extraction.parse_dates("31/02/2024") == [], "an impossible date was accepted"


def test_dates_follow_their_keywords_and_order():
    """Expiry keywords win over position; unlabelled dates fill issue then expiry."""
    issue, expiry = extraction.find_dates(["Valid until: 2027-01-01", "Issued: 2022-01-01"])
    assert (issue, expiry) == (date(2022, 1, 1), date(2027, 1, 1)), "keywords ignored"
    issue, expiry = extraction.find_dates(["2025-05-05", "2020-05-05"])
    assert (issue, expiry) == (date(2020, 5, 5), date(2025, 5, 5)), "order ignored"
    issue, expiry = extraction.find_dates(["Fecha de vencimiento", "5 de mayo de 2030"])
    assert expiry == date(2030, 5, 5) and issue is None, "label on the line before ignored"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Certificate No.: ABC-12345", "ABC-12345"),
        ("Certificate number 2023/0099", "2023/0099"),
        ("Número de certificado: CON-2023-00451", "CON-2023-00451"),
        ("Folio: 778899", "778899"),
        ("No. de registro: R-55/2020", "R-55/2020"),
        ("Certificate number: pending", None),
    ],
)
def test_certificate_number(line, expected):
    """The number after an English or Spanish label is found; a label without digits is not."""
    assert extraction.find_number([line]) == expected, line


def test_issuing_body_fuzzy_and_acronym():
    """A misspelt body name and a bare acronym both find the body."""
    misspelt = extraction.find_best(
        ["Technical Educaton and Skill Development Authority"], BODIES, 86
    )
    assert misspelt and misspelt.key == "tesda", f"misspelt name not found: {misspelt}"
    acronym = extraction.find_best(["Issued by TESDA Region IV"], BODIES, 86)
    assert acronym and acronym.key == "tesda", "acronym not found"
    assert extraction.find_best(["Skills and languages"], BODIES, 86) is None, "false body"
