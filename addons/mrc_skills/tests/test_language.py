"""Languages spoken by migrants: ISO 639-1 codes, data ids, constraints, access."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
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
        """Two languages cannot share an ISO 639-1 code."""
        with self.assertRaises(IntegrityError):
            self.env["mrc.language"].create({"code": "es", "name": "Castellano"})

    @mute_logger("odoo.sql_db")
    def test_code_is_two_lower_case_letters(self):
        """A code other than two lower-case letters is refused."""
        with self.assertRaises(IntegrityError):
            self.env["mrc.language"].create({"code": "ES", "name": "Wrong"})

    def test_only_managers_configure_languages(self):
        """Staff read languages; only managers add them."""
        self.assertTrue(self.env.ref("mrc_skills.lang_es").with_user(self.counsellor).name)
        with self.assertRaises(AccessError):
            self.env["mrc.language"].with_user(self.counsellor).create({"code": "zu", "name": "Z"})
        language = (
            self.env["mrc.language"].with_user(self.manager).create({"code": "zu", "name": "Zulu"})
        )
        self.assertEqual(language.code, "zu", "manager could not add a language")
