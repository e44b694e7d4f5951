"""Languages spoken by migrants: ISO 639-1 codes (ISO 639-3 for languages without one), data
ids, constraints, access."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.service.model import _as_validation_error
from odoo.tools import mute_logger

from .common import MrcSkillsCase


class TestLanguage(MrcSkillsCase):
    def test_common_languages_are_loaded_with_their_xml_ids(self):
        """About thirty languages common among migrants, each as mrc_skills.lang_<code>."""
        languages = self.env["mrc.language"].search([])
        self.assertGreaterEqual(len(languages), 30, "too few languages")
        for code in ("en", "es", "tl", "ne", "ar", "ht", "qu"):
            with self.subTest(code=code):
                self.assertEqual(self.env.ref(f"mrc_skills.lang_{code}").code, code)

    @mute_logger("odoo.sql_db")
    def test_code_is_unique(self):
        """Two languages cannot share an ISO 639 code."""
        with self.assertRaises(IntegrityError):
            self.env["mrc.language"].create({"code": "es", "name": "Castellano"})

    def test_languages_without_an_iso_639_1_code_are_loaded(self):
        """Languages common among migrants that have no two-letter code come with their
        three-letter ISO 639-3 code, Shan among them."""
        for code in ("shn", "ksw", "rhg", "ceb", "kek"):
            with self.subTest(code=code):
                self.assertEqual(self.env.ref(f"mrc_skills.lang_{code}").code, code)

    def test_manager_adds_a_language_by_its_iso_639_3_code(self):
        """A manager adds a language that has only a three-letter ISO 639-3 code."""
        self.env.ref("mrc_skills.lang_shn").unlink()
        language = (
            self.env["mrc.language"]
            .with_user(self.manager)
            .create({"code": "shn", "name": "Shan (Tai Yai)"})
        )
        self.assertEqual(language.code, "shn")

    def test_code_is_two_or_three_lower_case_letters(self):
        """A code other than two or three lower-case letters is refused, with a message that
        says what a code must be."""
        for code in ("ES", "s", "shan", "sh1", "es-"):
            with self.subTest(code=code):
                with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as refused:
                    self.env["mrc.language"].create({"code": code, "name": "Wrong"})
                message = _as_validation_error(self.env, refused.exception).args[0]
                self.assertIn("two lower-case letters (ISO 639-1", message)
                self.assertIn("three lower-case letters (ISO 639-3", message)

    def test_only_managers_configure_languages(self):
        """Staff read languages; only managers add them."""
        self.assertTrue(self.env.ref("mrc_skills.lang_es").with_user(self.counsellor).name)
        with self.assertRaises(AccessError):
            self.env["mrc.language"].with_user(self.counsellor).create({"code": "zu", "name": "Z"})
        language = (
            self.env["mrc.language"].with_user(self.manager).create({"code": "zu", "name": "Zulu"})
        )
        self.assertEqual(language.code, "zu", "manager could not add a language")
