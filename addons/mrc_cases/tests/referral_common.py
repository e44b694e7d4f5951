from odoo import Command
from odoo.tests import new_test_user


class ReferralFixtures:
    """Users per role, providers, and two migrants with portal access (``cls.env`` set)."""

    @classmethod
    def _setup_referral_fixtures(cls):
        env = cls.env
        group = "mrc_recruiters.group_mrc_"
        cls.today = env.company._mrc_today()
        cls.counsellor = new_test_user(
            env, login="c3_counsellor", groups=f"base.group_user,{group}counsellor"
        )
        cls.liaison = new_test_user(
            env, login="c3_liaison", groups=f"base.group_user,{group}liaison"
        )
        cls.officer = new_test_user(
            env, login="c3_officer", groups=f"base.group_user,{group}complaints"
        )
        cls.manager = new_test_user(
            env, login="c3_manager", groups=f"base.group_user,{group}manager"
        )
        cls.legal_aid = env.ref("mrc_cases.service_type_legal_aid")
        cls.shelter = env.ref("mrc_cases.service_type_shelter")
        Partner = env["res.partner"]
        cls.clinic = Partner.create(
            {
                "name": "Test Legal Clinic",
                "is_company": True,
                "mrc_is_provider": True,
                "email": "clinic@test.example.org",
                "mrc_service_type_ids": [Command.set(cls.legal_aid.ids)],
            }
        )
        cls.women_shelter = Partner.create(
            {
                "name": "Test Women's Shelter",
                "is_company": True,
                "mrc_is_provider": True,
                "mrc_women_only": True,
                "mrc_service_type_ids": [Command.set(cls.shelter.ids)],
            }
        )
        cls.ana_user = new_test_user(
            env, login="c3_ana", groups="base.group_portal", name="Ana Testmigrant"
        )
        cls.ana_user.partner_id.phone = "+52 555 0199"
        cls.ana = env["hr.candidate"].create(
            {
                "partner_name": "Ana Testmigrant",
                "partner_id": cls.ana_user.partner_id.id,
                "mrc_gender": "female",
            }
        )
        cls.beto_user = new_test_user(
            env, login="c3_beto", groups="base.group_portal", name="Beto Othermigrant"
        )
        cls.beto = env["hr.candidate"].create(
            {
                "partner_name": "Beto Othermigrant",
                "partner_id": cls.beto_user.partner_id.id,
                "mrc_gender": "male",
            }
        )

    @classmethod
    def _referral_vals(cls, candidate, provider=None, service=None, consent=("contact",)):
        """Values of a referral as the form sends them: one consent line per item, the items
        in ``consent`` agreed."""
        items = ("contact", "case_summary", "documents", "screening")
        return {
            "candidate_id": candidate.id,
            "partner_id": (provider or cls.clinic).id,
            "service_type_id": (service or cls.legal_aid).id,
            "reason": "Wages withheld for three months; passport kept by the employer.",
            "consent_ids": [
                Command.create({"item": item, "consented": item in consent}) for item in items
            ],
        }
