"""The add-on's screens open for the roles that use them, and show what the issue asks for."""

from lxml import etree

from odoo.tests import tagged

from .common import MrcSkillsCase


@tagged("post_install", "-at_install")
class TestViews(MrcSkillsCase):
    def _arch(self, user, model, view_type):
        views = self.env[model].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"]), views["models"][model]["fields"]

    def test_counsellor_opens_certifications_as_kanban_by_state_list_and_form(self):
        """Counsellors open certifications as a kanban grouped by state, a list and a form,
        and the form of a certification reads."""
        certification = self.certification(number="V-1")
        kanban, _fields = self._arch(self.counsellor, "mrc.certification", "kanban")
        self.assertEqual(kanban.get("default_group_by"), "state")
        for view_type in ("list", "form"):
            with self.subTest(view=view_type):
                _arch, fields = self._arch(self.counsellor, "mrc.certification", view_type)
                self.assertIn("state", fields)
        row = certification.with_user(self.counsellor).web_read({"state": {}, "number": {}})
        self.assertEqual(row[0]["number"], "V-1")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_skills.mrc_certification_action"
        )
        self.assertTrue(action["view_mode"].startswith("kanban"), "the kanban comes first")

    def test_migrant_card_has_a_certifications_button_to_their_own(self):
        """The migrant's form has a "Certifications" smart button opening theirs only."""
        form, _fields = self._arch(self.counsellor, "hr.candidate", "form")
        buttons = form.xpath("//button[@name='action_mrc_view_certifications']")
        self.assertEqual(len(buttons), 1, "no Certifications smart button on the migrant")
        self.certification(number="MINE-1")
        self.certification(candidate_id=self.other_candidate.id, number="THEIRS-1")
        action = self.candidate.with_user(self.counsellor).action_mrc_view_certifications()
        found = self.env["mrc.certification"].with_user(self.counsellor).search(action["domain"])
        self.assertEqual(found.mapped("number"), ["MINE-1"])

    def test_occupations_list_by_code_with_parent_and_search_within_a_group(self):
        """Occupations list by code with their parent group; the search finds a group's
        descendants (a tree searched by code)."""
        list_arch, _fields = self._arch(self.counsellor, "mrc.occupation", "list")
        names = [field.get("name") for field in list_arch.iter("field")]
        self.assertLess(names.index("code"), names.index("name"), "the code comes first")
        self.assertIn("parent_id", names)
        search, _fields = self._arch(self.counsellor, "mrc.occupation", "search")
        parent = search.xpath("//field[@name='parent_id']")
        self.assertEqual(parent[0].get("operator"), "child_of")
        under_92 = self.env["mrc.occupation"].search(
            [("parent_id", "child_of", self.env.ref("mrc_skills.isco_92").id)]
        )
        self.assertIn(self.env.ref("mrc_skills.isco_9211"), under_92)

    def test_skills_show_their_aliases(self):
        """The skill form lists its aliases, editable in place."""
        form, fields = self._arch(self.manager, "hr.skill", "form")
        self.assertIn("mrc_alias_ids", fields)
        self.assertTrue(form.xpath("//field[@name='mrc_alias_ids']"))

    def test_import_wizard_and_settings_open(self):
        """Counsellors open the PDF import; managers find the PDF limits in Settings."""
        form, fields = self._arch(self.counsellor, "mrc.skill.import", "form")
        self.assertIn("document_ids", fields)
        self.assertTrue(form.xpath("//button[@name='action_analyse']"))
        admin = self.env.ref("base.user_admin")
        settings, fields = self._arch(admin, "res.config.settings", "form")
        for name in ("mrc_pdf_max_size_mb", "mrc_pdf_max_pages"):
            with self.subTest(field=name):
                self.assertIn(name, fields)
                self.assertTrue(settings.xpath(f"//field[@name='{name}']"))
