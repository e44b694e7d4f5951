"""Individual brokers and sub-agents: complaints naming a person, and the agency answering for
its brokers' substantiated complaints in its risk score."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MrcRecruitersCase, assert_rpc_refused, call_kw


@tagged("post_install", "-at_install")
class TestBroker(MrcRecruitersCase):
    def setUp(self):
        super().setUp()
        self.broker = (
            self.env["res.partner"]
            .with_user(self.officer)
            .create({"name": "Ram the broker", "mrc_broker_agency_id": self.agency.id})
        )

    def _broker_complaint(self, broker=None, **vals):
        values = {
            "broker_id": (broker or self.broker).id,
            "category_ids": [Command.link(self.cat_fees.id)],
            "severity": "high",
            "description": "The broker took my passport and 800 USD.",
            **vals,
        }
        return self.env["mrc.complaint"].with_user(self.officer).create(values)

    def test_complaint_against_unregistered_person(self):
        """A complaint may name only a person, created with just a name, and no organisation."""
        person = self.env["res.partner"].with_user(self.officer).name_create("Mr Lal")[0]
        complaint = self._broker_complaint(broker=self.env["res.partner"].browse(person))
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.broker_id.name, "Mr Lal")
        self.assertFalse(complaint.broker_agency_id, "an unknown broker works for no agency")

    def test_complaint_needs_a_respondent(self):
        """Neither organisation nor broker: refused; a company as broker: refused."""
        with self.assertRaises(ValidationError):
            self.env["mrc.complaint"].with_user(self.officer).create(
                {"category_ids": [Command.link(self.cat_fees.id)]}
            )
        with self.assertRaises(ValidationError):
            self._broker_complaint(broker=self.employer)

    def test_agency_risk_includes_brokers_substantiated_complaints(self):
        """The agency's score rises when its broker's complaint is substantiated, with a
        reason naming its brokers; an open one does not count for the agency."""
        before = self.agency.mrc_risk_score
        complaint = self._broker_complaint()
        self.assertEqual(complaint.broker_agency_id, self.agency)
        self.assertEqual(self.agency.mrc_risk_score, before, "open broker complaint: no change")
        self._resolve(complaint)
        self.assertGreater(self.agency.mrc_risk_score, before)
        kinds = [reason["kind"] for reason in self.agency.mrc_risk_reason_data]
        self.assertIn("broker", kinds)
        self.assertIn("brokers", self.agency.with_user(self.officer).mrc_risk_reasons)

    def test_complaint_naming_agency_and_broker_counts_once(self):
        """A complaint against the agency that also names its broker counts once."""
        own = self._resolve(self._complaint(partner=self.agency, severity="high"))
        alone = self.agency.mrc_risk_score
        own.sudo().write({"broker_id": self.broker.id})
        self.assertEqual(self.agency.mrc_risk_score, alone)

    def test_linking_and_unlinking_broker_moves_the_risk(self):
        """Moving a broker to another agency moves their complaints' weight with them."""
        self._resolve(self._broker_complaint())
        other = self.env["res.partner"].create(
            {"name": "Other Agency", "is_company": True, "mrc_is_agency": True}
        )
        base_other = other.mrc_risk_score
        weighed = self.agency.mrc_risk_score
        self.broker.with_user(self.liaison).write({"mrc_broker_agency_id": other.id})
        self.assertLess(self.agency.mrc_risk_score, weighed)
        self.assertGreater(other.mrc_risk_score, base_other)

    def test_counsellor_cannot_link_broker(self):
        """Only liaison staff and complaints officers link a broker to an agency."""
        person = self.env["res.partner"].create({"name": "Some person"})
        with self.assertRaises(AccessError):
            person.with_user(self.counsellor).write({"mrc_broker_agency_id": self.agency.id})
        with self.assertRaises(AccessError):
            self.broker.with_user(self.counsellor).write({"mrc_broker_agency_id": False})
        self.assertEqual(self.broker.mrc_broker_agency_id, self.agency)

    def test_broker_must_work_for_an_agency(self):
        """A broker is a person and works for a recruitment agency, not an employer."""
        with self.assertRaises(ValidationError):
            self.broker.with_user(self.liaison).write({"mrc_broker_agency_id": self.employer.id})


@tagged("post_install", "-at_install")
class TestBrokerRpc(MrcRecruitersCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_counsellor = new_test_user(
            cls.env,
            login="rpc_broker_counsellor",
            groups="base.group_user,base.group_partner_manager,mrc_recruiters.group_mrc_counsellor",
        )

    def test_counsellor_links_no_broker_over_rpc(self):
        """Over JSON-RPC a counsellor (with contact rights) cannot tie a person to an agency."""
        user = self.rpc_counsellor
        person = self.env["res.partner"].create({"name": "Broker B"})
        self.authenticate(user.login, user.login)
        answer = call_kw(
            self, "res.partner", "write", [person.ids, {"mrc_broker_agency_id": self.agency.id}]
        )
        assert_rpc_refused(self, answer, "counsellor links a broker")
        answer = call_kw(
            self,
            "res.partner",
            "create",
            [{"name": "Broker C", "mrc_broker_agency_id": self.agency.id}],
        )
        assert_rpc_refused(self, answer, "counsellor creates a linked broker")
        self.assertFalse(person.mrc_broker_agency_id)
