from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class MrcJobsFixtures:
    """Builders shared by the model tests and the portal tests: a vetted organisation (an
    agency with a licence valid today) and a fair, open vacancy of ``cls.employer`` and
    ``cls.agency`` (``cls.today`` set)."""

    @classmethod
    def _make_organisation(cls, name, employer=False, agency=False):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "mrc_is_employer": employer,
                "mrc_is_agency": agency,
                "country_id": cls.env.ref("base.us").id,
            }
        )
        if agency:
            cls._make_licence(partner)
        partner.sudo().write({"mrc_vetting_state": "vetted"})
        return partner

    @classmethod
    def _make_licence(cls, agency, days_left=300):
        """A recruitment licence of ``agency`` that started 100 days ago."""
        return cls.env["mrc.recruiter.license"].create(
            {
                "name": f"LIC-{agency.id}-{days_left}",
                "partner_id": agency.id,
                "authority": "Labour Ministry",
                "country_id": agency.country_id.id,
                "date_from": cls.today - timedelta(days=100),
                "date_to": cls.today + timedelta(days=days_left),
            }
        )

    @classmethod
    def _welding_at_intermediate(cls, **values):
        """A vacancy's requirement of welding at the intermediate level (``values``: more)."""
        return Command.create(
            {
                "skill_id": cls.welding.id,
                "skill_type_id": cls.skill_type.id,
                "min_level_id": cls.level_intermediate.id,
                **values,
            }
        )

    @classmethod
    def _make_vacancy(cls, name, **values):
        vals = {
            "name": name,
            "mrc_employer_id": cls.employer.id,
            "mrc_agency_id": cls.agency.id,
            "mrc_country_id": cls.env.ref("base.us").id,
            "mrc_city": "Salinas",
            "mrc_wage_amount": 16.0,
            "mrc_wage_currency_id": cls.env.ref("base.USD").id,
            "mrc_wage_period": "hour",
            "mrc_hours_per_week": 40,
            "mrc_worker_fee_amount": 0.0,
            "no_of_recruitment": 3,
            "mrc_deadline": cls.today + timedelta(days=30),
            "mrc_is_published": True,
        }
        vals.update(values)
        return cls.env["hr.job"].create(vals)


class MrcJobsCase(MrcJobsFixtures, TransactionCase):
    """Users per role, a vetted employer and agency, a skill taxonomy, one consenting migrant
    and one eligible vacancy: each test changes one thing and checks one rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.today = cls.env.company._mrc_today()
        cls.counsellor = new_test_user(
            cls.env,
            login="mrc_j1_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.liaison = new_test_user(
            cls.env,
            login="mrc_j1_liaison",
            groups="base.group_user,mrc_recruiters.group_mrc_liaison",
        )
        cls.officer = new_test_user(
            cls.env,
            login="mrc_j1_officer",
            groups="base.group_user,mrc_recruiters.group_mrc_complaints",
        )
        cls.manager = new_test_user(
            cls.env,
            login="mrc_j1_manager",
            groups="base.group_user,mrc_recruiters.group_mrc_manager",
        )
        cls.recruiter = new_test_user(
            cls.env,
            login="mrc_j1_recruiter",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_user",
        )
        cls.usd = cls.env.ref("base.USD")
        cls.us = cls.env.ref("base.us")
        cls.mx = cls.env.ref("base.mx")
        # Demo minimum wages would blur what each test sets: start from none.
        cls.env["mrc.minimum.wage"].search([]).unlink()
        cls.employer = cls._make_organisation("Harvest Fields Inc.", employer=True)
        cls.agency = cls._make_organisation("Fair Way Recruiting", agency=True)
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Trades (test)",
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 25}),
                    Command.create({"name": "Intermediate", "level_progress": 50}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
                "skill_ids": [
                    Command.create({"name": "Welding"}),
                    Command.create({"name": "Fruit picking"}),
                ],
            }
        )
        cls.welding, cls.picking = cls.skill_type.skill_ids.sorted("name")[::-1]
        cls.level_beginner, cls.level_intermediate, cls.level_expert = (
            cls.skill_type.skill_level_ids.sorted("level_progress")
        )
        cls.lang_es = cls.env.ref("mrc_skills.lang_es")
        cls.migrant = cls.env["hr.candidate"].create(
            {
                "partner_name": "Juan Pérez",
                "email_from": "juan.perez@example.org",
                "mrc_gender": "male",
                "mrc_birthdate": "1994-03-02",
                "mrc_nationality_id": cls.mx.id,
                "mrc_residence_country_id": cls.mx.id,
                "mrc_migration_status": "potential",
                "mrc_family_contact_name": "Rosa Pérez",
                "mrc_family_contact_phone": "+52 55 1234 5678",
                "mrc_consent_processing_date": cls.today,
                "mrc_consent_share": True,
                "mrc_language_ids": [
                    Command.create({"language_id": cls.lang_es.id, "proficiency": "native"})
                ],
            }
        )
        cls.job = cls._make_vacancy("Fruit picker")

    def _make_match(self, candidate=None, job=None, score=80.0):
        return self.env["mrc.match"].create(
            {
                "candidate_id": (candidate or self.migrant).id,
                "job_id": (job or self.job).id,
                "score": score,
            }
        )
