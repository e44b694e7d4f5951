"""Erasure on request (rule 6), through the doors: a migrant who has every kind of record is
erased by a manager over JSON-RPC; afterwards no text or JSON column of any table, and no file
of the filestore still referenced by an attachment, holds her name, e-mail, phone or document
numbers, and the monitoring and evaluation (M&E) counts are unchanged."""

import base64
import json
import os
import re
import zlib

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, config

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, rpc_error
from odoo.addons.mrc_skills.tests import pdf_factory

from .common import MrcJobsFixtures

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
STREAM_RE = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)

NAME = "Zyxwvuta Qrstlmn"
OLD_EMAIL = "zyx.erase.old@example.org"
EMAIL = "zyx.erase@example.org"
PHONE = "+41 79 555 01 23"
CERTIFICATE_NUMBER = "ERASE-77421"
PASSPORT = "ZX4471903"
PASSWORD = "zyx-portal-pass-1"
# What must be found nowhere after the erasure (case-insensitive): each part of her name, every
# e-mail (and login) she had, her phone as typed and as Odoo normalises it, her documents.
NEEDLES = (
    "Zyxwvuta",
    "Qrstlmn",
    "zyx.erase",
    PHONE,
    "41795550123",
    CERTIFICATE_NUMBER,
    PASSPORT,
)
TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb")


def _pdf_streams(data):
    """The decoded content of the FlateDecode streams (ASCII85-wrapped or not) of a PDF."""
    streams = []
    for stream in STREAM_RE.findall(data):
        for decode in (_flate, _a85_flate):
            try:
                streams.append(decode(stream))
                break
            except (zlib.error, ValueError):
                continue
    return streams


def _flate(stream):
    return zlib.decompressobj().decompress(stream)


def _a85_flate(stream):
    return _flate(base64.a85decode(stream.strip().removesuffix(b"~>")))


@tagged("post_install", "-at_install")
class TestErasure(MrcJobsFixtures, HttpCase):
    """A migrant with a portal account, a tracked change of e-mail, messages and an activity on
    her card, an imported CV, a certificate she uploaded, matches from the engine, a referral
    and a complaint she lodged with evidence; staff of each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.today = fields.Date.today()
        cls.counsellor = new_test_user(
            env,
            login="mrc_e_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.officer = new_test_user(
            env,
            login="mrc_e_officer",
            groups="base.group_user,mrc_recruiters.group_mrc_complaints",
        )
        cls.manager = new_test_user(
            env,
            login="mrc_e_manager",
            groups="base.group_user,mrc_recruiters.group_mrc_manager",
        )
        cls.employer = cls._make_organisation("Erasure Orchards Ltd.", employer=True)
        cls.agency = cls._make_organisation("Erasure Fair Agency", agency=True)
        cls.welding = env.ref("mrc_skills.skill_welding")
        cls.level_basic = env.ref("mrc_skills.skill_level_construction_basic")
        cls.level_advanced = env.ref("mrc_skills.skill_level_construction_advanced")
        cls.job = cls._make_vacancy(
            "Welder (erasure test)",
            mrc_skill_requirement_ids=[
                Command.create(
                    {
                        "skill_id": cls.welding.id,
                        "skill_type_id": cls.welding.skill_type_id.id,
                        "min_level_id": cls.level_basic.id,
                    }
                )
            ],
        )
        cls.category = env["mrc.complaint.category"].search([], limit=1)
        cls.migrant, cls.user = cls._make_migrant()

    # -- the migrant's records, each through the product's own flow --------------------------

    @classmethod
    def _make_migrant(cls):
        """The counsellor opens her card, changes her e-mail (tracked) and gives her portal
        access with the standard portal wizard; she sets her password."""
        mx = cls.env.ref("base.mx")
        migrant = (
            cls.env["hr.candidate"]
            .with_user(cls.counsellor)
            .create(
                {
                    "partner_name": NAME,
                    "email_from": OLD_EMAIL,
                    "partner_phone": PHONE,
                    "mrc_gender": "female",
                    "mrc_birthdate": "1991-07-14",
                    "mrc_nationality_id": mx.id,
                    "mrc_residence_country_id": mx.id,
                    "mrc_migration_status": "temporary_worker",
                    "mrc_family_contact_name": "Rosa Qrstlmn",
                    "mrc_family_contact_phone": PHONE,
                    "mrc_desired_job": "Welder like my father Qrstlmn",
                    "mrc_consent_processing_date": cls.today,
                    "candidate_skill_ids": [
                        Command.create(
                            {
                                "skill_id": cls.welding.id,
                                "skill_type_id": cls.welding.skill_type_id.id,
                                "skill_level_id": cls.level_advanced.id,
                            }
                        )
                    ],
                }
            )
        )
        cls._commit_tracking()
        migrant.with_user(cls.counsellor).write({"email_from": EMAIL})
        cls._commit_tracking()
        migrant.with_user(cls.counsellor).action_mrc_record_consent()
        partner = migrant.partner_id
        wizard = (
            cls.env["portal.wizard"]
            .with_user(cls.counsellor)
            .with_context(active_ids=partner.ids, active_model="res.partner")
            .create({})
        )
        wizard.user_ids.filtered(lambda u: u.partner_id == partner).action_grant_access()
        user = partner.user_ids
        user.sudo().write({"password": PASSWORD})
        return migrant, user

    @classmethod
    def _commit_tracking(cls):
        """Write the tracking values as a commit would (tests never commit)."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, f"{url} should open")
        return CSRF_RE.search(response.text).group(1)

    def _give_her_every_record(self, migrant, user):
        counsellor_card = migrant.with_user(self.counsellor)
        counsellor_card.message_post(body=f"{NAME} phoned from {PHONE}")
        counsellor_card.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=f"Call {NAME} back",
            note=f"Passport {PASSPORT}",
            user_id=self.counsellor.id,
        )
        self.env["mrc.candidate.service"].with_user(self.counsellor).create(
            {
                "candidate_id": migrant.id,
                "service_type": "counselling",
                "note": f"{NAME} fears for her passport {PASSPORT}",
            }
        )
        # A CV imported with the PDF wizard: its skills, the CV kept on the card.
        Wizard = self.env["mrc.skill.import"].with_user(self.counsellor)
        wizard = Wizard.create(
            {
                "candidate_id": migrant.id,
                "document_ids": Wizard._mrc_documents(
                    [(f"CV {NAME}.pdf", pdf_factory.sample_cv(NAME))]
                ),
            }
        )
        wizard.action_analyse()
        wizard.line_ids.write({"create_certification": False})
        wizard.action_confirm()
        # A certificate she uploads herself, read by the import into a certification.
        certificate = pdf_factory.certificate_pdf(
            "CERTIFICADO DE COMPETENCIA LABORAL",
            [
                f"certifica que {NAME}",
                "es competente en: Soldadura por arco",
                "Nivel: Avanzado",
                f"Número de certificado: {CERTIFICATE_NUMBER}",
                "Fecha de emisión: 15 de marzo de 2023",
                "Vigencia hasta: 14 de marzo de 2099",
            ],
        )
        self.env["mrc.certification"].with_user(user)._mrc_import_portal_pdf(
            migrant, f"Certificado {NAME}.pdf", certificate
        )
        # Matches from the engine (the card's Find jobs button), one referred.
        migrant.with_user(self.counsellor).action_mrc_find_jobs()
        match = migrant.mrc_match_ids.filtered(lambda m: m.job_id == self.job)
        self.assertTrue(match, "the engine should match her with the welding vacancy")
        match.with_user(self.counsellor).action_refer()
        match.applicant_id.with_user(self.counsellor).message_post(
            body=f"Interview of {NAME} on Monday, {PHONE}"
        )
        # A complaint she lodges on the portal, with evidence; the officer writes back.
        complaint = self._lodge_complaint(
            f"I, {NAME}, paid a fee; they kept passport {PASSPORT}. Call me on {PHONE} or {EMAIL}.",
            f"receipt {NAME}.pdf",
            pdf_factory.text_pdf([f"Receipt for {NAME}", f"Passport {PASSPORT}"]),
        )
        complaint.with_user(self.officer).message_post(
            body=f"Spoke with {NAME} about passport {PASSPORT}",
            subtype_xmlid="mail.mt_note",
        )
        complaint.with_user(self.officer).write({"outcome": f"Fee refunded to {NAME}"})
        return complaint

    def _lodge_complaint(self, description, filename, evidence):
        """She lodges a complaint against the employer on the portal, with one file of
        evidence; return it (linked to her card)."""
        self.authenticate(self.user.login, PASSWORD)
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": self._csrf("/my/complaints/new"),
                "organisation_id": self.employer.id,
                "category_ids": self.category.id,
                "description": description,
            },
            files={"attachments": (filename, evidence, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200, "the complaint should be lodged")
        complaint = self.env["mrc.complaint"].search([("candidate_id", "=", self.migrant.id)])
        self.assertEqual(len(complaint), 1, "her complaint should be linked to her card")
        return complaint

    def _erase_over_rpc(self, login):
        """``login`` presses the card's Erase button: the JSON-RPC call of a button
        (``/web/dataset/call_button``); return the decoded answer."""
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "hr.candidate",
                "method": "action_mrc_erase",
                "args": [self.migrant.ids],
                "kwargs": {},
            },
        }
        answer = self.url_open(
            "/web/dataset/call_button",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()
        self.env.flush_all()
        self.env.invalidate_all()
        return answer

    # -- what is searched ------------------------------------------------------------------

    def _database_hits(self):
        """(table, column, value) of every text, varchar or JSON value holding a needle."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public'
               AND t.table_type = 'BASE TABLE'
               AND c.data_type IN %s
            """,
            [TEXT_TYPES],
        )
        patterns = [f"%{needle}%" for needle in NEEDLES]
        hits = []
        for table, column in cr.fetchall():
            cr.execute(
                SQL(
                    "SELECT %s::text FROM %s WHERE %s::text ILIKE ANY(%s) LIMIT 3",
                    SQL.identifier(column),
                    SQL.identifier(table),
                    SQL.identifier(column),
                    patterns,
                )
            )
            hits += [(table, column, value[:160]) for (value,) in cr.fetchall()]
        return hits

    def _filestore_hits(self):
        """(file, needle) of the filestore files still referenced by an attachment row whose
        bytes, or any deflated PDF stream in them, hold a needle.

        Files no row references are garbage: Odoo's file-store garbage collection (the daily
        autovacuum, which the erasure triggers) deletes them, and nothing can reach them
        meanwhile. A test runs in a transaction that is rolled back, so the collection cannot
        run here; what must hold is that no remaining row points to her content.
        """
        cr = self.env.cr
        cr.execute("SELECT DISTINCT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL")
        root = config.filestore(cr.dbname)
        needles = [needle.lower().encode() for needle in NEEDLES]
        hits = []
        for (fname,) in cr.fetchall():
            path = os.path.join(root, fname)
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as file:
                data = file.read()
            text = b"\n".join([data, *_pdf_streams(data)]).lower()
            hits += [(fname, needle) for needle in needles if needle in text]
        return hits

    def _statistics(self):
        """The M&E counts: migrants, referrals and placements by gender and nationality,
        complaints by category, severity, state and substantiation, services, certifications."""
        env = self.env(context={"active_test": False})

        def count(model, domain, groupby):
            return [
                tuple(getattr(key, "id", key) for key in row)
                for row in env[model]._read_group(domain, groupby, ["__count"])
            ]

        return {
            "migrants by gender": count("hr.candidate", [], ["mrc_gender"]),
            "migrants by nationality": count("hr.candidate", [], ["mrc_nationality_id"]),
            "migrants by status": count("hr.candidate", [], ["mrc_migration_status"]),
            "referrals by gender": count(
                "hr.applicant", [("mrc_is_referral", "=", True)], ["mrc_gender"]
            ),
            "referrals by nationality": count(
                "hr.applicant", [("mrc_is_referral", "=", True)], ["mrc_nationality_id"]
            ),
            "active referrals": self.env["hr.applicant"].search_count(
                [("mrc_is_referral", "=", True)]
            ),
            "placements by gender": count(
                "hr.applicant", [("mrc_is_placed", "=", True)], ["mrc_gender"]
            ),
            "complaints by category": count("mrc.complaint", [], ["category_ids"]),
            "complaints by severity and state": count(
                "mrc.complaint", [], ["severity", "state", "is_substantiated"]
            ),
            "complaints by organisation": count("mrc.complaint", [], ["partner_id"]),
            "services by type": count("mrc.candidate.service", [], ["service_type"]),
            "certifications by skill and state": count(
                "mrc.certification", [], ["skill_id", "state"]
            ),
            "referred matches": count("mrc.match", [("state", "=", "referred")], ["job_id"]),
        }

    # -- the tests --------------------------------------------------------------------------

    def test_erasure_leaves_nothing_of_her(self):
        """After a manager erases her over JSON-RPC, her name, e-mails, phone and document
        numbers are in no text or JSON column of any table and in no referenced file, her
        portal account is closed and anonymised, and the M&E counts are unchanged."""
        migrant, user = self.migrant, self.user
        complaint = self._give_her_every_record(migrant, user)
        self.env.flush_all()
        before = self._database_hits()
        tables = {table for table, _column, _value in before}
        for table in (
            "hr_candidate",
            "res_partner",
            "res_users",
            "mail_message",
            "mail_tracking_value",
            "mrc_certification",
            "mrc_complaint",
            "ir_attachment",
        ):
            self.assertIn(table, tables, f"the search should first find her in {table}")
        self.assertTrue(self._filestore_hits(), "the search should first find her files")
        statistics = self._statistics()

        answer = self._erase_over_rpc(self.manager.login)
        self.assertIsNone(rpc_error(answer), f"the erasure failed: {answer.get('error')}")

        hits = self._database_hits()
        self.assertFalse(
            hits,
            "she is still in the database:\n" + "\n".join(f"{h[0]}.{h[1]}: {h[2]}" for h in hits),
        )
        self.assertFalse(self._filestore_hits(), "her files are still referenced")
        self.assertEqual(self._statistics(), statistics, "the M&E counts changed")
        user = user.with_context(active_test=False)
        self.assertFalse(user.active, "her portal account is closed")
        self.assertFalse(user.signature, "her signature is gone")
        self.assertEqual(user.login, f"erased-migrant-{user.id}")
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", user.partner_id.id)]
            ),
            "the 'Portal Access Granted' message on her contact is gone",
        )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.severity, "medium", "the complaint keeps its statistics")
        self.assertEqual(complaint.partner_id, self.employer)
        self.assertFalse(complaint.attachment_ids, "the evidence is gone")

    def test_complaint_kept_under_an_exception(self):
        """A complaint whose officer recorded why it must be kept keeps its narrative and
        evidence through the erasure; she no longer follows it."""
        complaint = self._lodge_complaint(
            "They kept the passports of the whole crew.",
            "crew.pdf",
            pdf_factory.text_pdf(["crew"]),
        )
        complaint.with_user(self.officer).write(
            {"mrc_erasure_exception": "Evidence in case 2026-114 before the labour court"}
        )
        answer = self._erase_over_rpc(self.manager.login)
        self.assertIsNone(rpc_error(answer), f"the erasure failed: {answer.get('error')}")
        self.assertEqual(complaint.description, "They kept the passports of the whole crew.")
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["crew.pdf"])
        self.assertNotIn(
            self.user.partner_id, complaint.message_partner_ids, "she still follows it"
        )

    def test_erasure_is_refused_to_liaison_staff_over_rpc(self):
        """A liaison officer calling the erasure over JSON-RPC is refused and nothing changes."""
        liaison = new_test_user(
            self.env,
            login="mrc_e_liaison",
            groups="base.group_user,mrc_recruiters.group_mrc_liaison",
        )
        answer = self._erase_over_rpc(liaison.login)
        assert_rpc_refused(self, answer, "a liaison officer erased a migrant")
        self.assertFalse(self.migrant.mrc_is_erased)
        self.assertEqual(self.migrant.partner_name, NAME)
