"""Skill aliases and the starting taxonomy."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import MrcSkillsCase

SECTORS = (
    "agriculture",
    "construction",
    "domestic",
    "hospitality",
    "manufacturing",
    "fishing",
    "transport",
    "cleaning",
)


class TestSkillAlias(MrcSkillsCase):
    def test_taxonomy_covers_the_sectors_with_levels_none_to_expert(self):
        """Each sector is a skill type with levels none/basic/intermediate/advanced/expert at
        0/25/50/75/100 % and some skills."""
        for sector in SECTORS:
            with self.subTest(sector=sector):
                skill_type = self.env.ref(f"mrc_skills.skill_type_{sector}")
                progress = sorted(skill_type.skill_level_ids.mapped("level_progress"))
                self.assertEqual(progress, [0, 25, 50, 75, 100], "levels")
                self.assertGreaterEqual(len(skill_type.skill_ids), 5, "too few skills")

    def test_every_taxonomy_skill_has_english_and_spanish_aliases(self):
        """Each skill of the starting taxonomy has at least one English and one Spanish alias."""
        skill_types = self.env["hr.skill.type"].browse(
            [self.env.ref(f"mrc_skills.skill_type_{sector}").id for sector in SECTORS]
        )
        for skill in skill_types.skill_ids:
            with self.subTest(skill=skill.name):
                langs = set(skill.mrc_alias_ids.mapped("lang"))
                self.assertTrue({"en", "es"} <= langs, f"aliases in {langs}")

    def test_alias_is_normalized(self):
        """The stored normalized form drops case, accents, stop words and plurals."""
        alias = self.env["mrc.skill.alias"].create(
            {"skill_id": self.welding.id, "name": "Técnicas de SOLDADURAS", "lang": "es"}
        )
        self.assertEqual(alias.normalized, "tecnica soldadura", "not normalized")

    @mute_logger("odoo.sql_db")
    def test_same_alias_twice_on_a_skill_is_refused(self):
        """A skill cannot carry the same alias twice."""
        with self.assertRaises(IntegrityError):
            self.env["mrc.skill.alias"].create({"skill_id": self.welding.id, "name": "Soldadura"})

    def test_counsellor_adds_aliases_but_only_managers_delete_them(self):
        """Counsellors record new spellings as they meet them; deleting one is configuration."""
        alias = (
            self.env["mrc.skill.alias"]
            .with_user(self.counsellor)
            .create({"skill_id": self.welding.id, "name": "soldadora de arco", "lang": "es"})
        )
        self.assertIn(alias, self.welding.mrc_alias_ids, "alias not on the skill")
        with self.assertRaises(AccessError):
            alias.with_user(self.counsellor).unlink()
        with self.assertRaises(AccessError):
            self.env["mrc.skill.alias"].with_user(self.employee).create(
                {"skill_id": self.welding.id, "name": "x welding"}
            )
        alias.with_user(self.manager).unlink()
        self.assertFalse(alias.exists(), "manager could not delete the alias")
