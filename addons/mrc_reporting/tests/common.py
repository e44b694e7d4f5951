from datetime import date, timedelta

from odoo import Command, fields
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mrc_cases.tests.followup_common import ALL_KEPT, FollowupCase


def total(rows):
    return sum(row["value"] for row in rows)


def by_key(rows, name):
    result = {}
    for row in rows:
        result[row[name]] = result.get(row[name], 0.0) + row["value"]
    return result


class ReportingCase(FollowupCase):
    """A small centre built through the product's flows, after the indicators were computed
    once (``cls.before``): each test compares what the fixture added with counts made by hand.

    Clients Ana (female, born 1990) and Carla (female, erased) open their card from the
    Migrants menu, Beto (male, born 2000) through an intake; Nina is Odoo's own candidate, not a
    client, served and complaining like the others. All clients are Icelandic (no demo migrant
    is), so a nationality filter isolates them for the shares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.date_from = cls.today - timedelta(days=40)
        cls.date_to = cls.today + timedelta(days=40)
        cls.iceland = env.ref("base.is")
        cls.Indicator = env["mrc.indicator"].with_user(cls.manager)
        cls.before = cls._compute(("sex", "type"))
        cls._build_people()
        cls._build_complaints()
        cls._build_cases()
        cls._build_organisations()

    @classmethod
    def _compute(cls, breakdowns=(), filters=None):
        return cls.Indicator._mrc_compute(cls.date_from, cls.date_to, breakdowns, filters)

    @classmethod
    def _build_people(cls):
        env = cls.env
        menu_context = env.ref("mrc_jobs.hr_candidate_action_mrc").context
        Menu = env["hr.candidate"].with_user(cls.counsellor).with_context(**safe_eval(menu_context))
        profile = {"mrc_nationality_id": cls.iceland.id, "mrc_consent_processing_date": cls.today}
        cls.ana = Menu.create(
            dict(
                profile,
                partner_name="Ana Report",
                mrc_gender="female",
                mrc_birthdate=date(1990, 6, 15),
                mrc_plan_destination_id=cls.us.id,
            )
        )
        cls.carla = Menu.create(dict(profile, partner_name="Carla Report", mrc_gender="female"))
        beto = (
            env["hr.candidate"]
            .with_user(cls.counsellor)
            .create(
                dict(
                    profile,
                    partner_name="Beto Report",
                    mrc_gender="male",
                    mrc_birthdate=date(2000, 1, 10),
                )
            )
        )
        cls.beto_was_client = beto.mrc_is_client
        cls.intake = (
            env["mrc.intake"]
            .with_user(cls.counsellor)
            .create({"candidate_id": beto.id, "channel": "phone"})
        )
        cls.beto = beto
        env["mrc.intake.assistance"].with_user(cls.counsellor).create(
            {"intake_id": cls.intake.id, "assistance_type": "food"}
        )
        # Odoo's own candidate (Recruitment's form, no MRC flow): never a client.
        cls.nina = env["hr.candidate"].create(
            dict(profile, partner_name="Nina Notclient", mrc_gender="female")
        )
        Service = env["mrc.candidate.service"].with_user(cls.counsellor)
        Service.create(
            [
                {"candidate_id": cls.ana.id, "service_type": "counselling"},
                {"candidate_id": cls.ana.id, "service_type": "information"},
                {"candidate_id": cls.beto.id, "service_type": "legal_aid"},
                {"candidate_id": cls.carla.id, "service_type": "information"},
                {"candidate_id": cls.nina.id, "service_type": "counselling"},
                # Beto came before the period already: he is a returning migrant.
                {
                    "candidate_id": cls.beto.id,
                    "service_type": "information",
                    "date": cls.date_from - timedelta(days=3),
                },
            ]
        )

    @classmethod
    def _build_complaints(cls):
        env = cls.env
        cls.company_currency = env.company.currency_id
        cls.other_currency = env.ref(
            "base.EUR" if cls.company_currency.name != "EUR" else "base.USD"
        )
        cls.other_currency.active = True
        cls.old_day = cls.today - timedelta(days=5)
        env["res.currency.rate"].create(
            [
                {"currency_id": cls.other_currency.id, "name": cls.old_day, "rate": 0.5},
                {
                    "currency_id": cls.other_currency.id,
                    "name": cls.today - timedelta(days=1),
                    "rate": 0.25,
                },
            ]
        )
        cls.fees = env.ref("mrc_recruiters.complaint_category_fees")
        cls.wages = env.ref("mrc_recruiters.complaint_category_wage_theft")
        cls.org = cls._vetted_employer("Reporting Farms")
        cls.org_job = cls._make_vacancy("Reporting picker", mrc_employer_id=cls.org.id)
        # The other complaints name an organisation no vacancy depends on.
        cls.complained = env["res.partner"].create(
            {"name": "Reporting Complained Ltd", "is_company": True, "mrc_is_agency": True}
        )
        Complaint = env["mrc.complaint"].with_user(cls.officer)

        def complaint(candidate, category, **vals):
            values = {
                "partner_id": cls.complained.id,
                "category_ids": [Command.set(category.ids)],
                "severity": "high",
                "description": "Paid a fee before leaving.",
                **vals,
            }
            if candidate:
                values["candidate_id"] = candidate.id
            return Complaint.create(values)

        cls.ana_complaint = complaint(
            cls.ana, cls.fees, partner_id=cls.org.id, compensation_claimed=1500.0
        )
        complaint(
            None,
            cls.wages,
            is_anonymous=True,
            currency_id=cls.other_currency.id,
            compensation_claimed=200.0,
            date_received=cls.old_day,
        )
        complaint(cls.carla, cls.fees)
        complaint(cls.nina, cls.fees, compensation_claimed=999.0)
        # Ana's complaint resolved (the organisation is flagged), awarded and settled.
        settled = cls.ana_complaint
        settled.write({"outcome": "Fees refunded."})
        settled.action_triage()
        settled.action_investigate()
        # Ana's substantiated complaint alone flags the organisation (a low threshold set
        # for that one decision only).
        params = env["ir.config_parameter"].sudo()
        threshold = params.get_param("mrc_recruiters.risk_threshold")
        params.set_param("mrc_recruiters.risk_threshold", "1")
        settled.action_resolve()
        params.set_param("mrc_recruiters.risk_threshold", threshold or "")
        settled._mrc_award_compensation(800.0)
        Remedy = env["mrc.complaint.remedy"].with_user(cls.officer)
        Remedy.create(
            {
                "complaint_id": settled.id,
                "kind": "compensation",
                "amount": 600.0,
                "is_confirmed": True,
            }
        )
        refund = Remedy.create(
            {
                "complaint_id": settled.id,
                "kind": "fee_refund",
                "amount": 100.0,
                "currency_id": cls.other_currency.id,
                "date": cls.old_day,
            }
        )
        refund.action_confirm_receipt()

    @classmethod
    def _vetted_employer(cls, name):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "mrc_is_employer": True,
                "country_id": cls.us.id,
                "mrc_liaison_user_id": cls.liaison.id,
            }
        )
        partner = partner.with_user(cls.liaison)
        partner.action_mrc_submit_review()
        partner.action_mrc_load_checklist()
        partner.mrc_check_ids.write({"result": "pass"})
        partner.write({"mrc_pledge_date": cls.today})
        partner.action_mrc_vet()
        return partner

    @classmethod
    def _build_cases(cls):
        env = cls.env
        counsellor = cls.counsellor
        # A referral to a partner service, sent, accepted and given.
        legal_aid = env.ref("mrc_cases.service_type_legal_aid")
        cls.clinic = env["res.partner"].create(
            {
                "name": "Reporting Legal Clinic",
                "is_company": True,
                "mrc_is_provider": True,
                "email": "clinic@report.example.org",
                "mrc_service_type_ids": [Command.set(legal_aid.ids)],
            }
        )
        referral = (
            env["mrc.service.referral"]
            .with_user(counsellor)
            .create(
                {
                    "candidate_id": cls.ana.id,
                    "partner_id": cls.clinic.id,
                    "service_type_id": legal_aid.id,
                    "reason": "Wages withheld.",
                    "consent_ids": [Command.create({"item": "contact", "consented": True})],
                }
            )
        )
        referral.action_send()
        referral.action_accept()
        referral.action_service_given()
        cls.referral = referral
        # Ana placed through a match; her 30-day follow-up finds the wage broken, the 90-day
        # one finds every promise kept.
        cls.ana.with_user(counsellor).action_mrc_record_consent()
        cls.job = cls._make_vacancy("Reporting job")
        match = env["mrc.match"].create(
            {"candidate_id": cls.ana.id, "job_id": cls.job.id, "score": 80}
        )
        match.with_user(counsellor).action_refer()
        applicant = match.applicant_id
        applicant.with_user(counsellor).write({"stage_id": env.ref("mrc_jobs.stage_hired").id})
        for followup in applicant.mrc_followup_ids:
            answers = dict(ALL_KEPT, answer_wage="no") if followup.days == 30 else ALL_KEPT
            followup.with_user(counsellor).write(answers)
            followup.with_user(counsellor).action_mrc_answered()
        cls.applicant = applicant
        cls.job.with_user(cls.liaison).action_mrc_unpublish()
        # Trainings: Ana and Nina attend; an outreach session reaches eight people.
        start = fields.Datetime.now() - timedelta(days=2)
        Event = env["event.event"].with_user(counsellor)
        training = Event.create(
            {
                "name": "Reporting rights training",
                "event_type_id": env.ref("mrc_cases.event_type_rights").id,
                "date_begin": start,
                "date_end": start + timedelta(hours=3),
            }
        )
        for candidate in (cls.ana, cls.nina):
            registration = (
                env["event.registration"]
                .with_user(counsellor)
                .create({"event_id": training.id, "mrc_candidate_id": candidate.id})
            )
            registration.action_set_done()
        Event.create(
            {
                "name": "Reporting market outreach",
                "event_type_id": env.ref("mrc_cases.event_type_outreach").id,
                "date_begin": start,
                "date_end": start + timedelta(hours=3),
                "mrc_reached_women": 5,
                "mrc_reached_men": 3,
            }
        )
        # Carla asks to be erased: she still counts, anonymously.
        cls.carla.with_user(counsellor).action_mrc_erase()

    @classmethod
    def _build_organisations(cls):
        cls.suspended = cls._vetted_employer("Reporting Suspended Ltd")
        cls.suspended.with_user(cls.liaison)._mrc_set_vetting_state(
            "suspended", "Licence withdrawn by the ministry."
        )

    def delta(self, code, after, name=None):
        """What the fixture added to ``code`` (by ``name`` when given)."""
        if name is None:
            return total(after[code]) - total(self.before[code])
        new, old = by_key(after[code], name), by_key(self.before[code], name)
        return {
            key: new.get(key, 0.0) - old.get(key, 0.0)
            for key in new
            if new.get(key, 0.0) != old.get(key, 0.0)
        }
