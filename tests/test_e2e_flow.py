"""End to end, across the three add-ons, each step done by the role that does it at an MRC:
liaison vets an agency and an employer (rule 2), enters a vacancy that becomes eligible (rule 1),
a counsellor matches a migrant to it and refers them (rules 5 and 6), a complaints officer
substantiates complaints until the employer is flagged (rule 3), which withdraws the vacancy and
blocks referrals, and only a manager lifts the flag, with a recorded reason."""

from datetime import timedelta

from suite_case import suite_test

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user


@suite_test("mrc_jobs")
class TestFairRecruitmentFlow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        groups = "base.group_user,mrc_recruiters.group_mrc_"
        cls.liaison = new_test_user(cls.env, login="e2e_liaison", groups=groups + "liaison")
        cls.counsellor = new_test_user(
            cls.env, login="e2e_counsellor", groups=groups + "counsellor"
        )
        cls.officer = new_test_user(cls.env, login="e2e_officer", groups=groups + "complaints")
        cls.manager = new_test_user(cls.env, login="e2e_manager", groups=groups + "manager")
        cls.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.risk_threshold", "30")
        cls.env["mrc.minimum.wage"].search([]).unlink()
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "E2E trades",
                "skill_level_ids": [
                    Command.create({"name": "Basic", "level_progress": 30}),
                    Command.create({"name": "Advanced", "level_progress": 80}),
                ],
                "skill_ids": [Command.create({"name": "Greenhouse tomato harvesting"})],
            }
        )
        cls.skill = cls.skill_type.skill_ids
        cls.basic, cls.advanced = cls.skill_type.skill_level_ids.sorted("level_progress")

    def _organisation(self, name, **roles):
        env = self.env(user=self.liaison)
        return env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "country_id": self.env.ref("base.ca").id,
                "mrc_pledge_date": self.today,
                **roles,
            }
        )

    def _pass_checks(self, partner):
        partner.action_mrc_load_checklist()
        self.assertTrue(partner.mrc_check_ids, "loading the checklist gives the vetting checks")
        partner.mrc_check_ids.write({"result": "pass"})

    def _migrant(self, name, consent=True):
        migrant = (
            self.env["hr.candidate"]
            .with_user(self.counsellor)
            .create(
                {
                    "partner_name": name,
                    "email_from": f"{name.split()[0].lower()}@example.org",
                    "mrc_consent_processing_date": self.today,
                    "candidate_skill_ids": [
                        Command.create(
                            {
                                "skill_type_id": self.skill_type.id,
                                "skill_id": self.skill.id,
                                "skill_level_id": self.advanced.id,
                            }
                        )
                    ],
                }
            )
        )
        if consent:
            migrant.action_mrc_record_consent()
        return migrant

    def _complaint(self, employer, severity="critical"):
        complaint = (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .create(
                {
                    "partner_id": employer.id,
                    "category_ids": [
                        Command.link(self.env.ref("mrc_recruiters.complaint_category_fees").id)
                    ],
                    "severity": severity,
                    "incident_date": self.today - timedelta(days=10),
                    "description": "Charged 1,500 CAD for the job offer.",
                }
            )
        )
        complaint.action_triage()
        complaint.action_investigate()
        complaint.write({"outcome": "Fee confirmed by receipts; refund ordered."})
        complaint.action_resolve()
        return complaint

    def test_vet_match_refer_flag_withdraw_and_lift(self):
        """The whole fair-recruitment cycle holds its rules from vetting to lifting a flag."""
        agency = self._organisation("Maple Fair Staffing", mrc_is_agency=True)
        employer = self._organisation("Ontario Greenhouses Ltd", mrc_is_employer=True)
        self._pass_checks(agency)
        self._pass_checks(employer)
        (agency | employer).action_mrc_submit_review()

        # Rule 2: an agency without a licence valid today is not vetted, and says why.
        with self.assertRaises(UserError) as refused:
            agency.action_mrc_vet()
        self.assertIn("licen", str(refused.exception).lower(), "the error names the licence")
        self.assertEqual(agency.mrc_vetting_state, "in_review", "nothing was vetted")
        self.env["mrc.recruiter.license"].with_user(self.liaison).create(
            {
                "name": "ESA-2026-0042",
                "partner_id": agency.id,
                "authority": "Ontario Ministry of Labour",
                "country_id": self.env.ref("base.ca").id,
                "date_from": self.today - timedelta(days=100),
                "date_to": self.today + timedelta(days=300),
            }
        )
        (agency | employer).action_mrc_vet()
        self.assertTrue(agency.mrc_is_safe and employer.mrc_is_safe, "both are vetted and safe")

        # Rule 1: the vacancy is eligible only while everything holds.
        job = (
            self.env["hr.job"]
            .with_user(self.liaison)
            .create(
                {
                    "name": "Greenhouse worker",
                    "mrc_employer_id": employer.id,
                    "mrc_agency_id": agency.id,
                    "mrc_country_id": self.env.ref("base.ca").id,
                    "mrc_city": "Leamington",
                    "mrc_wage_amount": 17.6,
                    "mrc_wage_currency_id": self.env.ref("base.CAD").id,
                    "mrc_wage_period": "hour",
                    "mrc_hours_per_week": 40,
                    "mrc_worker_fee_amount": 0.0,
                    "no_of_recruitment": 5,
                    "mrc_deadline": self.today + timedelta(days=20),
                    "mrc_skill_requirement_ids": [
                        Command.create(
                            {
                                "skill_type_id": self.skill_type.id,
                                "skill_id": self.skill.id,
                                "min_level_id": self.basic.id,
                                "is_mandatory": True,
                            }
                        )
                    ],
                }
            )
        )
        job.action_mrc_publish()
        self.assertTrue(
            job.mrc_is_eligible, f"vacancy should be eligible: {job.mrc_compliance_issues}"
        )

        # Rules 5 and 6: matched with a score and an explanation; referral needs consent.
        ana = self._migrant("Ana Morales")
        luis = self._migrant("Luis Chávez", consent=False)
        (ana | luis).action_mrc_find_jobs()
        matches = self.env["mrc.match"].search([("job_id", "=", job.id)])
        by_migrant = {m.candidate_id: m for m in matches}
        self.assertIn(ana, by_migrant, "the qualified migrant is matched to the vacancy")
        self.assertGreater(by_migrant[ana].score, 50, "a full skill match scores well")
        self.assertTrue(by_migrant[ana].explanation, "every match carries its explanation")
        by_migrant[ana].with_user(self.counsellor).action_refer()
        self.assertEqual(by_migrant[ana].state, "referred")
        self.assertTrue(by_migrant[ana].applicant_id, "the referral is an application")
        luis_match = by_migrant.get(luis) or self.env["mrc.match"].create(
            {"candidate_id": luis.id, "job_id": job.id, "score": 90.0}
        )
        with self.assertRaises(UserError, msg="no referral without consent to share"):
            luis_match.with_user(self.counsellor).action_refer()
        self.assertFalse(luis_match.applicant_id, "nothing was created for Luis")

        # Rule 3: substantiated complaints flag the employer; the vacancy is withdrawn.
        self._complaint(employer)
        self._complaint(employer)
        self.assertTrue(employer.mrc_is_flagged, f"risk {employer.mrc_risk_score} passes 30")
        self.assertFalse(employer.mrc_is_safe)
        self.assertFalse(job.mrc_is_eligible, "a flagged employer's vacancy is withdrawn")
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", employer.id)]
        )
        self.assertTrue(activities, "liaison staff are given an activity about the flag")
        bea = self._migrant("Bea Quispe")
        match = self.env["mrc.match"].create(
            {"candidate_id": bea.id, "job_id": job.id, "score": 90.0}
        )
        with self.assertRaises(UserError, msg="referrals to a flagged employer are blocked"):
            match.with_user(self.counsellor).action_refer()
        self.assertFalse(match.applicant_id)

        # Only a manager lifts the flag, and the reason is recorded.
        wizard_model = self.env["mrc.flag.lift.wizard"]
        with self.assertRaises(AccessError):
            wizard_model.with_user(self.liaison).create(
                {"partner_ids": [Command.set(employer.ids)], "reason": "Looks fine"}
            ).action_apply()
        reason = "Employer refunded every worker; inspection on 2026-11-01 found no fees."
        wizard_model.with_user(self.manager).create(
            {"partner_ids": [Command.set(employer.ids)], "reason": reason}
        ).action_apply()
        self.assertFalse(employer.mrc_is_flagged, "the manager lifted the flag")
        self.assertTrue(
            any(reason in (msg.body or "") for msg in employer.message_ids),
            "the reason for lifting is in the organisation's chatter",
        )
