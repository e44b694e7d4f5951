"""Shared fixtures of the mrc_skills tests: one user per role, two migrants, an issuing body."""

import base64

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw

from . import pdf_factory


def use_own_taxonomy_only(env):
    """Archive the skill types this add-on does not ship, so that what a PDF proposes does not
    depend on other add-ons' demo data (a migrant's declared "Weldng" would win the exact
    match over Welding on some databases)."""
    own_types = env["ir.model.data"].search(
        [("module", "=", "mrc_skills"), ("model", "=", "hr.skill.type")]
    )
    env["hr.skill.type"].search([("id", "not in", own_types.mapped("res_id"))]).write(
        {"active": False}
    )


class MrcSkillsCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.counsellor = new_test_user(
            cls.env,
            login="mrc_s_counsellor",
            name="Test Counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.liaison = new_test_user(
            cls.env,
            login="mrc_s_liaison",
            groups="base.group_user,mrc_recruiters.group_mrc_liaison",
        )
        cls.manager = new_test_user(
            cls.env,
            login="mrc_s_manager",
            groups="base.group_user,mrc_recruiters.group_mrc_manager",
        )
        cls.employee = new_test_user(cls.env, login="mrc_s_employee", groups="base.group_user")
        cls.portal_user = new_test_user(cls.env, login="mrc_s_portal", groups="base.group_portal")
        cls.other_portal_user = new_test_user(
            cls.env, login="mrc_s_portal2", groups="base.group_portal"
        )
        Candidate = cls.env["hr.candidate"]
        cls.candidate = Candidate.create(
            {"partner_name": "Ana Migrante", "partner_id": cls.portal_user.partner_id.id}
        )
        cls.other_candidate = Candidate.create(
            {"partner_name": "Otro Migrante", "partner_id": cls.other_portal_user.partner_id.id}
        )
        ref = cls.env.ref
        cls.welding = ref("mrc_skills.skill_welding")
        cls.forklift = ref("mrc_skills.skill_forklift")
        cls.construction = ref("mrc_skills.skill_type_construction")
        cls.level_basic = ref("mrc_skills.skill_level_construction_basic")
        cls.level_intermediate = ref("mrc_skills.skill_level_construction_intermediate")
        cls.level_advanced = ref("mrc_skills.skill_level_construction_advanced")
        cls.level_expert = ref("mrc_skills.skill_level_construction_expert")
        cls.level_forklift_basic = ref("mrc_skills.skill_level_transport_basic")
        cls.issuer = cls.env["res.partner"].create(
            {
                "name": "Consejo Nacional de Normalización y Certificación de Competencias "
                "Laborales",
                "mrc_issuer_acronym": "CONOCER",
                "is_company": True,
                "mrc_is_issuing_body": True,
            }
        )
        cls.issuer_tesda = cls.env["res.partner"].create(
            {
                "name": "Technical Education and Skills Development Authority",
                "mrc_issuer_acronym": "TESDA",
                "is_company": True,
                "mrc_is_issuing_body": True,
            }
        )

    @classmethod
    def certification(cls, **values):
        """Create a certification of welding for the migrant, with ``values`` overriding."""
        defaults = {
            "candidate_id": cls.candidate.id,
            "skill_id": cls.welding.id,
            "skill_level_id": cls.level_intermediate.id,
            "issuer_id": cls.issuer.id,
        }
        return cls.env["mrc.certification"].create(dict(defaults, **values))

    @staticmethod
    def spanish_certificate(number="CON-2023-00451"):
        return pdf_factory.certificate_pdf(
            "CERTIFICADO DE COMPETENCIA LABORAL",
            [
                "El Consejo Nacional de Normalización y Certificación de Competencias Laborales",
                "certifica que Ana Migrante",
                "es competente en: Soldadura por arco",
                "Nivel: Avanzado",
                f"Número de certificado: {number}",
                "Fecha de emisión: 15 de marzo de 2023",
                "Vigencia hasta: 14 de marzo de 2099",
                "Ocupación: Soldador",
            ],
        )

    @staticmethod
    def table_certificate():
        return pdf_factory.table_pdf(
            "Certificate of Competency",
            [
                ["Field", "Value"],
                ["Holder", "Ana Migrante"],
                ["Qualification", "Forklift operation"],
                ["Level", "Basic"],
                ["Certificate No.", "TESDA-NC2-889912"],
                ["Issued by", "Technical Education and Skills Development Authority"],
                ["Date of issue", "2022-06-01"],
                ["Valid until", "01/06/2099"],
            ],
        )

    @staticmethod
    def two_column_cv():
        return pdf_factory.sample_cv("Ana Migrante")

    def import_wizard(self, files, user=None):
        """A PDF import wizard for the migrant holding ``[(filename, bytes), ...]``."""
        Wizard = self.env["mrc.skill.import"].with_user(user or self.counsellor)
        return Wizard.create(
            {
                "candidate_id": self.candidate.id,
                "document_ids": Wizard._mrc_documents(files),
            }
        )

    @staticmethod
    def b64(data):
        return base64.b64encode(data)


class MrcRpcMixin:
    """Calls through the door a client uses: JSON-RPC POSTs to ``/web/dataset/call_kw`` over
    HTTP as the session's user (mix into an :class:`~odoo.tests.HttpCase` and call
    ``self.authenticate(login, password)`` first). Built on mrc_recruiters' ``call_kw``."""

    def rpc(self, model, method, args, kwargs=None):
        """Return the decoded JSON-RPC answer of ``model.method(*args, **kwargs)``."""
        with mute_logger("odoo.http"):
            return call_kw(self, model, method, args, kwargs)

    def assert_rpc_refused(self, answer, what):
        """The call came back as a refusal (access, user or validation error); return its
        message."""
        assert_rpc_refused(self, answer, what)
        return answer["error"].get("data", {}).get("message", "")

    def assert_rpc_ok(self, answer, what):
        message = answer.get("error", {}).get("data", {}).get("message")
        self.assertFalse("error" in answer, f"{what} was refused: {message}")
        return answer.get("result")
