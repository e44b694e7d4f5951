"""Only the centre's clients show in the MRC menus: the flag is set by the MRC flows, never
guessed from empty fields."""

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mrc_jobs.tests.common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestClientFlag(MrcJobsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        action = cls.env.ref("mrc_jobs.hr_candidate_action_mrc")
        cls.client = (
            cls.env["hr.candidate"]
            .with_user(cls.counsellor)
            .with_context(**safe_eval(action.context))
            .create({"partner_name": "Client Through Menu", "mrc_gender": "female"})
        )
        # Created the way Odoo's Recruitment app does: no MRC flow.
        cls.outsider = cls.env["hr.candidate"].create({"partner_name": "Kelly Outsider"})
        Service = cls.env["mrc.candidate.service"].with_user(cls.counsellor)
        Service.create(
            [
                {"candidate_id": cls.client.id, "service_type": "information"},
                {"candidate_id": cls.outsider.id, "service_type": "information"},
            ]
        )

    def _menu_ids(self, xmlid, user):
        action = self.env.ref(xmlid)
        model = self.env[action.res_model].with_user(user)
        context = safe_eval(action.context or "{}")
        domain = safe_eval(action.domain or "[]")
        return model.with_context(**context).search(domain)

    def test_menu_creates_clients(self):
        """A card opened from the Migrants menu is a client; Odoo's own candidate is not."""
        self.assertTrue(self.client.mrc_is_client)
        self.assertFalse(self.outsider.mrc_is_client)
        self.assertFalse(self.migrant.mrc_is_client, "a card created in code is not a client")

    def test_migrants_menu_shows_clients_only(self):
        """The Migrants list and its M&E pivot leave the non-client out."""
        for xmlid in (
            "mrc_jobs.hr_candidate_action_mrc",
            "mrc_jobs.hr_candidate_action_mrc_report",
        ):
            with self.subTest(xmlid=xmlid):
                found = self._menu_ids(xmlid, self.manager)
                self.assertIn(self.client, found)
                self.assertNotIn(self.outsider, found)

    def test_me_pivots_show_clients_only(self):
        """The services pivot counts the client's service, not the outsider's."""
        services = self._menu_ids("mrc_jobs.mrc_candidate_service_action_report", self.manager)
        self.assertIn(self.client, services.candidate_id)
        self.assertNotIn(self.outsider, services.candidate_id)

    def test_intake_makes_a_client(self):
        """A migrant taken in through an intake becomes a client."""
        card = (
            self.env["hr.candidate"].with_user(self.counsellor).create({"partner_name": "Walk In"})
        )
        self.assertFalse(card.mrc_is_client)
        self.env["mrc.intake"].with_user(self.counsellor).create({"candidate_id": card.id})
        self.assertTrue(card.mrc_is_client)

    def test_update_marks_cards_with_mrc_data(self):
        """The update marks cards carrying data only MRC flows record (consent, profile), and
        leaves Odoo's bare candidates alone."""
        self.assertFalse(self.migrant.mrc_is_client)
        marked = self.env["hr.candidate"]._mrc_mark_clients_from_data()
        self.assertIn(self.migrant, marked, "consent and profile recorded: a client")
        self.assertTrue(self.migrant.mrc_is_client)
        self.assertFalse(self.outsider.mrc_is_client, "no MRC data: not a client")
