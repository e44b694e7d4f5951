"""ISCO-08 occupations: the add-on's data against the reference copy in ../shared/data/isco08."""

import csv
import os
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MrcSkillsCase

# The ILO reference copy lives beside the repository (../shared/data/isco08); MRC_ISCO08_DIR
# points elsewhere when the checkout is not next to it.
REFERENCE = Path(
    os.environ.get("MRC_ISCO08_DIR")
    or Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "isco08"
)


# CIUO-08 keeps the English word for these groups.
SAME_IN_SPANISH = {"3434"}  # Chefs


def _reference_rows(name):
    path = REFERENCE / name
    # No skip: a missing reference file must fail the test.
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install")
class TestOccupation(MrcSkillsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupations = cls.env["mrc.occupation"].with_context(active_test=False).search([])
        cls.by_code = {occupation.code: occupation for occupation in cls.occupations}

    def test_every_code_and_english_title_matches_the_reference(self):
        """Each ISCO-08 code of structure.csv exists with its English title (case and the
        spellings of title_variants.csv aside), and the add-on has no code of its own."""
        rows = _reference_rows("structure.csv")
        variants = {}
        for row in _reference_rows("title_variants.csv"):
            variants.setdefault(row["code"], set()).add(row["variant_title"].casefold())
        self.assertEqual(len(rows), 619, "the reference file is not the full classification")
        expected = {row["code"] for row in rows}
        self.assertEqual(set(self.by_code), expected, "codes differ from ISCO-08")
        occupations = self.occupations.with_context(lang="en_US")
        titles = {occupation.code: occupation.name for occupation in occupations}
        for row in rows:
            accepted = {row["title_en"].casefold()} | variants.get(row["code"], set())
            with self.subTest(code=row["code"]):
                self.assertIn(titles[row["code"]].casefold(), accepted, "title differs")

    def test_levels_and_counts(self):
        """10 major, 43 sub-major, 130 minor and 436 unit groups, level = number of digits."""
        counts = dict.fromkeys((1, 2, 3, 4), 0)
        for occupation in self.occupations:
            counts[occupation.level] += 1
            self.assertEqual(occupation.level, len(occupation.code), occupation.code)
        self.assertEqual(counts, {1: 10, 2: 43, 3: 130, 4: 436}, "wrong number of groups")

    def test_parent_is_the_code_without_its_last_digit(self):
        """The hierarchy follows the codes: 9211 is under 921, under 92, under 9."""
        for occupation in self.occupations:
            expected = self.by_code.get(occupation.code[:-1]) if occupation.level > 1 else None
            self.assertEqual(
                occupation.parent_id, expected or self.env["mrc.occupation"], occupation.code
            )
        crop_labourers = self.env.ref("mrc_skills.isco_9211")
        self.assertEqual(crop_labourers.parent_id.parent_id.parent_id.code, "9", "hierarchy")

    def test_search_by_code_prefix_and_display_name(self):
        """Occupations are found by code and show 'code title'."""
        found = self.env["mrc.occupation"].name_search("9211")
        self.assertEqual(found[0][0], self.env.ref("mrc_skills.isco_9211").id, "code search")
        self.assertEqual(
            self.env.ref("mrc_skills.isco_9").with_context(lang="en_US").display_name,
            "9 Elementary occupations",
        )

    def test_spanish_titles_of_every_group(self):
        """Every ISCO-08 group, unit groups included, has a Spanish (CIUO-08) title different
        from the English one."""
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["mrc_skills"], ["es_ES"], overwrite=True)
        english = {o.id: o.name for o in self.occupations.with_context(lang="en_US")}
        untranslated = [
            occupation.code
            for occupation in self.occupations.with_context(lang="es_ES")
            if occupation.name == english[occupation.id] and occupation.code not in SAME_IN_SPANISH
        ]
        self.assertFalse(untranslated, f"groups without a Spanish title: {untranslated}")
        self.assertEqual(
            self.env.ref("mrc_skills.isco_2411").with_context(lang="es_ES").name, "Contables"
        )
        self.assertEqual(
            self.env.ref("mrc_skills.isco_9211").with_context(lang="es_ES").name,
            "Peones de explotaciones agrícolas",
        )

    def test_occupations_are_read_only_for_staff(self):
        """Counsellors and liaison staff read occupations but cannot change them; nobody but
        the administrator creates or deletes one."""
        occupation = self.env.ref("mrc_skills.isco_9211")
        for user in (self.counsellor, self.liaison, self.employee):
            with self.subTest(user=user.login):
                self.assertTrue(occupation.with_user(user).name, "cannot read")
                with self.assertRaises(AccessError):
                    occupation.with_user(user).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["mrc.occupation"].with_user(self.manager).create(
                {"code": "9999", "name": "Invented"}
            )
        with self.assertRaises(AccessError):
            occupation.with_user(self.manager).unlink()
