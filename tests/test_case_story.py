"""María's case from intake to remedy, the story the demo tells, followed end to end through the
doors each user uses: the counsellor, the complaints officer and the liaison over JSON-RPC (the
calls the web client makes for forms and buttons), the migrant on her portal pages over HTTP.

Her intake finds withheld wages and a retained passport: the case is urgent, a manager gets the
activity and the counsellor sends an urgent referral to a legal-aid clinic with her consent. The
complaints officer lodges a complaint against the broker, a sub-agent of an agency. The
counsellor finds her a job (the engine stores the matches), refers her and she is hired. Her
30-day follow-up, answered on the portal, finds contract substitution: the employer's risk score
rises and the counsellor opens the complaint with one click. The broker's complaint ends with the
wages recovered, paid and confirmed: settled."""

import re
from datetime import timedelta

from case_story_common import CaseStoryCase
from suite_case import suite_test

from odoo import Command

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
KEPT = {
    "answer_wage": "yes",
    "answer_documents": "yes",
    "answer_fees": "no",
    "answer_hours": "yes",
    "answer_housing": "yes",
    "answer_recommend": "no",
}


@suite_test("mrc_cases", "post_install")
class TestCaseStory(CaseStoryCase):
    # -- the story ------------------------------------------------------------------------

    def _intake(self):
        """Carmen opens María's client card and her intake and answers the screening."""
        self._as(self.counsellor)
        maria_id = self._ok(
            "hr.candidate",
            "create",
            [
                {
                    "partner_name": "María López",
                    "partner_id": self.maria_user.partner_id.id,
                    "mrc_gender": "female",
                    "mrc_nationality_id": self.env.ref("base.mx").id,
                    "mrc_consent_processing_date": str(self.today),
                    "candidate_skill_ids": [
                        Command.create(
                            {
                                "skill_type_id": self.skill_type.id,
                                "skill_id": self.skill.id,
                                "skill_level_id": self.expert.id,
                            }
                        )
                    ],
                }
            ],
        )
        self._button("hr.candidate", "action_mrc_record_consent", [maria_id])
        intake_id = self._ok(
            "mrc.intake",
            "create",
            [{"candidate_id": maria_id, "channel": "walk_in", "counsellor_id": self.counsellor.id}],
        )
        intake = self._read("mrc.intake", [intake_id], ["answer_ids", "is_urgent", "name"])[0]
        self.assertFalse(intake["is_urgent"], "nothing is urgent before the screening")
        answers = self._read("mrc.intake.answer", intake["answer_ids"], ["indicator_id", "answer"])
        self.assertTrue(answers, "the intake loads the screening checklist")
        found = {self.env.ref("mrc_cases.indicator_wages").id: "No wages for four months"}
        found[self.env.ref("mrc_cases.indicator_documents").id] = "Passport kept by the broker"
        commands = [
            Command.update(a["id"], {"answer": "yes", "note": found[a["indicator_id"][0]]})
            if a["indicator_id"][0] in found
            else Command.update(a["id"], {"answer": "no"})
            for a in answers
        ]
        self._ok("mrc.intake", "write", [[intake_id], {"answer_ids": commands}])
        intake = self._read("mrc.intake", [intake_id], ["is_urgent", "sign_count", "name"])[0]
        self.assertTrue(intake["is_urgent"], "withheld wages and a kept passport: urgent")
        self.assertEqual(intake["sign_count"], 2)
        return maria_id, intake

    def _manager_sees_urgent_activity(self, intake):
        self._as(self.manager)
        activities = self._ok(
            "mail.activity",
            "search_read",
            [[("res_model", "=", "mrc.intake"), ("res_id", "=", intake["id"])]],
            {"fields": ["user_id", "activity_type_id", "summary"]},
        )
        urgent = self.env.ref("mrc_cases.mail_activity_type_urgent_screening")
        self.assertEqual(
            [(a["user_id"][0], a["activity_type_id"][0]) for a in activities],
            [(self.manager.id, urgent.id)],
            "the manager, and only she, is asked to act on the urgent case",
        )
        self.assertIn(intake["name"], activities[0]["summary"])

    def _urgent_referral(self, maria_id, intake):
        """Carmen proposes the urgent referral from the intake and sends it with consent."""
        self._as(self.counsellor)
        action = self._button("mrc.intake", "action_mrc_propose_referral", [intake["id"]])
        self.assertEqual(action["res_model"], "mrc.service.referral")
        context = action["context"]
        self.assertEqual(context["default_candidate_id"], maria_id)
        self.assertTrue(context["default_is_urgent"], "the form opens marked urgent")
        self.assertIn(intake["name"], context["default_reason"])
        vals = {
            "partner_id": self.clinic.id,
            "service_type_id": self.legal_aid_type.id,
            "feedback_due_date": str(self.today + timedelta(days=7)),
        }
        nothing = [Command.create({"item": "contact", "consented": False})]
        answer = call_kw(
            self,
            "mrc.service.referral",
            "create",
            [dict(vals, consent_ids=nothing)],
            {"context": context},
        )
        assert_rpc_refused(self, answer, "a referral she did not consent to")
        consent = [
            Command.create({"item": "contact", "consented": True}),
            Command.create({"item": "case_summary", "consented": True}),
            Command.create({"item": "screening", "consented": False}),
        ]
        referral_id = self._ok(
            "mrc.service.referral",
            "create",
            [dict(vals, consent_ids=consent)],
            {"context": context},
        )
        self._button("mrc.service.referral", "action_send", [referral_id])
        referral = self._read(
            "mrc.service.referral",
            [referral_id],
            ["state", "is_urgent", "intake_id", "date_sent", "shared_items"],
        )[0]
        self.assertEqual(referral["state"], "sent")
        self.assertTrue(referral["is_urgent"])
        self.assertEqual(referral["intake_id"][0], intake["id"], "linked to the intake")
        self.assertEqual(referral["date_sent"], str(self.today))
        self.assertIn("Case summary", referral["shared_items"])
        self.assertNotIn("Screening", referral["shared_items"])
        # María sees it on her portal: the provider, the service, the state.
        self._as(self.maria_user)
        page = self.url_open("/my/referrals")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.clinic.name, page.text)
        return referral_id

    def _broker_complaint(self):
        """Olga lodges María's complaint against the broker, a sub-agent of an agency."""
        self._as(self.officer)
        broker_id = self._ok(
            "res.partner",
            "create",
            [
                {
                    "name": "Story Ramón Ortiz",
                    "is_company": False,
                    "function": "Sub-agent",
                    "mrc_broker_agency_id": self.broker_agency.id,
                }
            ],
        )
        complaint_id = self._ok(
            "mrc.complaint",
            "create",
            [
                {
                    "broker_id": broker_id,
                    "complainant_partner_id": self.maria_user.partner_id.id,
                    "category_ids": [
                        Command.set(
                            [
                                self.env.ref("mrc_recruiters.complaint_category_wage_theft").id,
                                self.env.ref(
                                    "mrc_recruiters.complaint_category_document_retention"
                                ).id,
                            ]
                        )
                    ],
                    "severity": "high",
                    "incident_date": str(self.today - timedelta(days=10)),
                    "currency_id": self.usd.id,
                    "description": "The broker kept my passport; no wages for four months.",
                }
            ],
        )
        complaint = self._read(
            "mrc.complaint", [complaint_id], ["state", "broker_id", "broker_agency_id"]
        )[0]
        self.assertEqual(complaint["state"], "new")
        self.assertEqual(complaint["broker_id"][0], broker_id)
        self.assertEqual(complaint["broker_agency_id"][0], self.broker_agency.id)
        self._button("mrc.complaint", "action_triage", [complaint_id])
        self._button("mrc.complaint", "action_investigate", [complaint_id])
        return complaint_id

    def _match_and_place(self, maria_id):
        """Carmen runs Find jobs, refers María to the best match, and she is hired."""
        self._as(self.counsellor)
        action = self._button("hr.candidate", "action_mrc_find_jobs", [maria_id])
        matches = self._ok(
            "mrc.match",
            "search_read",
            [action["domain"]],
            {"fields": ["job_id", "score", "state", "explanation"]},
        )
        ours = [m for m in matches if m["job_id"][0] == self.job.id]
        self.assertEqual(len(ours), 1, f"the engine stored the match: {matches}")
        match = ours[0]
        self.assertGreater(match["score"], 50)
        self.assertEqual(match["state"], "suggested")
        self.assertTrue(match["explanation"])
        self._button("mrc.match", "action_refer", [match["id"]])
        match = self._read("mrc.match", [match["id"]], ["state", "applicant_id"])[0]
        self.assertEqual(match["state"], "referred")
        applicant_id = match["applicant_id"][0]
        hired = self.env.ref("mrc_jobs.stage_hired").id
        self._ok("hr.applicant", "write", [[applicant_id], {"stage_id": hired}])
        applicant = self._read("hr.applicant", [applicant_id], ["mrc_placement_date"])[0]
        self.assertEqual(applicant["mrc_placement_date"], str(self.today), "placed today")
        followups = self._ok(
            "mrc.placement.followup",
            "search_read",
            [[("applicant_id", "=", applicant_id)]],
            {"fields": ["days", "date_due", "state", "employer_id"], "order": "days"},
        )
        self.assertEqual([f["days"] for f in followups], [30, 90])
        self.assertEqual(followups[0]["date_due"], str(self.today + timedelta(days=30)))
        self.assertEqual(followups[0]["employer_id"][0], self.employer.id)
        return followups[0]["id"]

    def _migrant_answers(self, followup_id):
        """Carmen sends the link; María answers on her portal: not the contract she signed."""
        self._as(self.counsellor)
        self._button("mrc.placement.followup", "action_mrc_send_link", [followup_id])
        self._as(self.maria_user)
        listing = self.url_open("/my/followups")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f"/my/followups/{followup_id}", listing.text)
        page = self.url_open(f"/my/followups/{followup_id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.employer.name, page.text)
        answers = dict(KEPT, answer_contract="no", notes="A new contract in English on arrival.")
        answers["csrf_token"] = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            f"/my/followups/{followup_id}", data=answers, allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303), response.text[:300])
        self._as(self.counsellor)
        followup = self._read(
            "mrc.placement.followup",
            [followup_id],
            ["state", "answered_by", "has_broken_promise", "broken_codes"],
        )[0]
        self.assertEqual(followup["state"], "answered")
        self.assertEqual(followup["answered_by"], "migrant")
        self.assertTrue(followup["has_broken_promise"])
        self.assertIn("contract", followup["broken_codes"])

    def _open_followup_complaint(self, followup_id):
        """One click opens the complaint against the employer, prefilled from the answers."""
        self._as(self.counsellor)
        result = self._button("mrc.placement.followup", "action_mrc_open_complaint", [followup_id])
        self.assertEqual(result["type"], "ir.actions.client", "the counsellor is told, not shown")
        self._as(self.officer)
        complaint_id = self._read("mrc.placement.followup", [followup_id], ["complaint_id"])[0][
            "complaint_id"
        ][0]
        complaint = self._read(
            "mrc.complaint",
            [complaint_id],
            ["partner_id", "complainant_partner_id", "category_ids", "state", "description"],
        )[0]
        self.assertEqual(complaint["partner_id"][0], self.employer.id)
        self.assertEqual(complaint["complainant_partner_id"][0], self.maria_user.partner_id.id)
        self.assertEqual(complaint["state"], "new")
        substitution = self.env.ref("mrc_recruiters.complaint_category_contract_substitution")
        self.assertIn(substitution.id, complaint["category_ids"])
        self.assertIn("A new contract in English", complaint["description"])

    def _remedy(self, complaint_id):
        """Olga resolves the broker's complaint, awards the wages, records them recovered and
        paid, and María's confirmation of receipt: the complaint is settled."""
        self._as(self.counsellor)
        answer = call_kw(
            self,
            "mrc.complaint.remedy",
            "create",
            [{"complaint_id": complaint_id, "kind": "wages", "amount": 2400.0}],
        )
        assert_rpc_refused(self, answer, "a remedy written by a counsellor")
        self._as(self.officer)
        self._ok(
            "mrc.complaint",
            "write",
            [[complaint_id], {"outcome": "Wages paid through the labour inspectorate."}],
        )
        self._button("mrc.complaint", "action_resolve", [complaint_id])
        action = self._button("mrc.complaint", "action_mrc_award_compensation", [complaint_id])
        wizard_id = self._ok(
            action["res_model"], "create", [{"amount": 2400.0}], {"context": action["context"]}
        )
        self._button(action["res_model"], "action_apply", [wizard_id])
        remedy_id = self._ok(
            "mrc.complaint.remedy",
            "create",
            [
                {
                    "complaint_id": complaint_id,
                    "kind": "wages",
                    "amount": 2400.0,
                    "currency_id": self.usd.id,
                    "note": "Four months of wages, by bank transfer.",
                }
            ],
        )
        fields = ["compensation_awarded", "compensation_paid", "compensation_confirmed"]
        fields += ["is_settled", "remedy_count", "state", "is_substantiated"]
        complaint = self._read("mrc.complaint", [complaint_id], fields)[0]
        self.assertEqual(complaint["state"], "resolved")
        self.assertEqual(complaint["compensation_awarded"], 2400.0)
        self.assertEqual(complaint["compensation_paid"], 2400.0, "paid")
        self.assertEqual(complaint["compensation_confirmed"], 0.0, "not yet confirmed")
        self.assertFalse(complaint["is_settled"], "not settled before she confirms")
        self._button("mrc.complaint.remedy", "action_confirm_receipt", [remedy_id])
        remedy = self._read("mrc.complaint.remedy", [remedy_id], ["is_confirmed", "date_confirmed"])
        self.assertEqual(remedy[0]["date_confirmed"], str(self.today))
        complaint = self._read("mrc.complaint", [complaint_id], fields)[0]
        self.assertEqual(complaint["compensation_confirmed"], 2400.0)
        self.assertTrue(complaint["is_settled"], "paid and confirmed: settled")
        self.assertTrue(complaint["is_substantiated"])

    def test_marias_case_from_intake_to_remedy(self):
        """The story of the demo, each step by the person who does it."""
        maria_id, intake = self._intake()
        self._manager_sees_urgent_activity(intake)
        self._urgent_referral(maria_id, intake)
        complaint_id = self._broker_complaint()
        agency_risk = self._risk(self.broker_agency)
        followup_id = self._match_and_place(maria_id)
        employer_risk = self._risk(self.employer)
        self._migrant_answers(followup_id)
        self.assertGreater(
            self._risk(self.employer), employer_risk, "the broken promise weighs on the employer"
        )
        self._open_followup_complaint(followup_id)
        self._remedy(complaint_id)
        self.assertGreater(
            self._risk(self.broker_agency),
            agency_risk,
            "the broker's substantiated complaint weighs on his agency",
        )
