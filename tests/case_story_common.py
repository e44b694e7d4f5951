"""The people, organisations and vacancy of María's story (tests/test_case_story.py), and the
doors they use: JSON-RPC calls and button presses as the signed-in user."""

import json
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.mrc_recruiters.tests.common import call_kw, rpc_error


class CaseStoryCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._mrc_today()
        groups = "base.group_user,mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(cls.env, login="story_carmen", groups=groups + "counsellor")
        cls.liaison = new_test_user(cls.env, login="story_luis", groups=groups + "liaison")
        cls.officer = new_test_user(cls.env, login="story_olga", groups=groups + "complaints")
        new_test_user(cls.env, login="story_mona", groups=groups + "manager")
        cls.maria_user = new_test_user(
            cls.env, login="story_maria", groups="base.group_portal", name="María López"
        )
        # The manager the centre gives urgent cases to (the first MRC manager): she reads her
        # activities herself, so she signs in with a password the test knows.
        cls.manager = cls.env["mrc.intake"]._mrc_case_manager()
        cls.manager.sudo().password = cls.manager.login
        cls.usd = cls.env.ref("base.USD")
        cls.us = cls.env.ref("base.us")
        cls.legal_aid_type = cls.env.ref("mrc_cases.service_type_legal_aid")
        cls.clinic = cls.env["res.partner"].create(
            {
                "name": "Story Legal Aid Clinic",
                "is_company": True,
                "mrc_is_provider": True,
                "mrc_service_type_ids": [Command.set(cls.legal_aid_type.ids)],
            }
        )
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Story farm work",
                "skill_level_ids": [
                    Command.create({"name": "Basic", "level_progress": 30}),
                    Command.create({"name": "Expert", "level_progress": 90}),
                ],
                "skill_ids": [Command.create({"name": "Story strawberry picking"})],
            }
        )
        cls.skill = cls.skill_type.skill_ids
        cls.basic, cls.expert = cls.skill_type.skill_level_ids.sorted("level_progress")
        # Liaison staff vet the employer and the agency the counsellor will place her with.
        cls.employer = cls._vetted("Story Sunbelt Harvest", mrc_is_employer=True)
        cls.agency = cls._vetted("Story Reclutadora Bajío", mrc_is_agency=True)
        # The agency of the broker who kept her passport: registered, never vetted.
        cls.broker_agency = (
            cls.env["res.partner"]
            .with_user(cls.liaison)
            .create({"name": "Story Servicios Quetzal", "is_company": True, "mrc_is_agency": True})
        )
        cls.job = (
            cls.env["hr.job"]
            .with_user(cls.liaison)
            .create(
                {
                    "name": "Story strawberry harvester",
                    "mrc_employer_id": cls.employer.id,
                    "mrc_agency_id": cls.agency.id,
                    "mrc_country_id": cls.us.id,
                    "mrc_city": "Salinas",
                    "mrc_wage_amount": 19.75,
                    "mrc_wage_currency_id": cls.usd.id,
                    "mrc_wage_period": "hour",
                    "mrc_hours_per_week": 40,
                    "mrc_worker_fee_amount": 0.0,
                    "no_of_recruitment": 4,
                    "mrc_deadline": cls.today + timedelta(days=30),
                    "mrc_skill_requirement_ids": [
                        Command.create(
                            {
                                "skill_type_id": cls.skill_type.id,
                                "skill_id": cls.skill.id,
                                "min_level_id": cls.basic.id,
                                "is_mandatory": True,
                            }
                        )
                    ],
                }
            )
        )
        cls.job.action_mrc_publish()

    @classmethod
    def _vetted(cls, name, **roles):
        partner = (
            cls.env["res.partner"]
            .with_user(cls.liaison)
            .create(
                {
                    "name": name,
                    "is_company": True,
                    "country_id": cls.us.id,
                    "mrc_pledge_date": cls.today,
                    **roles,
                }
            )
        )
        partner.action_mrc_load_checklist()
        partner.mrc_check_ids.write({"result": "pass"})
        if roles.get("mrc_is_agency"):
            cls.env["mrc.recruiter.license"].with_user(cls.liaison).create(
                {
                    "name": f"STORY-{partner.id}",
                    "partner_id": partner.id,
                    "authority": "Labour Ministry",
                    "country_id": cls.us.id,
                    "date_from": cls.today - timedelta(days=100),
                    "date_to": cls.today + timedelta(days=300),
                }
            )
        partner.action_mrc_submit_review()
        partner.action_mrc_vet()
        return partner

    # -- the doors ------------------------------------------------------------------------

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _ok(self, model, method, args, kwargs=None):
        """A JSON-RPC call the user's client makes; it must succeed. Returns its result."""
        answer = call_kw(self, model, method, args, kwargs)
        self.assertIsNone(rpc_error(answer), f"{model}.{method}: {answer.get('error')}")
        return answer["result"]

    def _button(self, model, method, ids, context=None):
        """The user presses a button of a form: ``/web/dataset/call_button``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": [ids],
                "kwargs": {"context": context or {}},
            },
        }
        answer = self.url_open(
            "/web/dataset/call_button",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIsNone(rpc_error(answer), f"{model}.{method}: {answer.get('error')}")
        return answer["result"]

    def _read(self, model, ids, fields):
        return self._ok(model, "read", [ids, fields])

    def _risk(self, partner):
        """The risk score as the liaison reads it on the organisation's form."""
        self._as(self.liaison)
        return self._read("res.partner", [partner.id], ["mrc_risk_score"])[0]["mrc_risk_score"]
