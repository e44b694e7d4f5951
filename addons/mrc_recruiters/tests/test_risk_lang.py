from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mrc_recruiters.tests.queue_job_common import trap_jobs

from .common import MrcRecruitersCase

READER_FIELDS = (
    "mrc_risk_reasons",
    "mrc_risk_reason_data",
    "mrc_flag_reason",
    "mrc_flag_reason_data",
)


@tagged("post_install", "-at_install")
class TestRiskReasonLanguage(MrcRecruitersCase):
    """The risk and flag reasons are kept as data and put into words in the reader's
    language, whoever (or whichever cron) computed them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["mrc_recruiters"], ["es_ES"], overwrite=True
        )

    def _flag_employer(self, lang):
        """Three high complaints substantiated by an officer working in ``lang``, then the
        daily recompute run in ``lang``: the employer is flagged."""
        self.officer.lang = lang
        for _i in range(3):
            complaint = self._complaint(severity="high").with_context(lang=lang)
            self._resolve(complaint)
        with trap_jobs() as trap:
            self.env["mrc.risk.engine"].with_context(lang=lang)._mrc_cron_update_risk()
            trap.perform_enqueued_jobs()
        self.assertTrue(self.employer.mrc_is_flagged, "three high complaints must flag")

    def _read(self, user, lang):
        employer = self.employer.with_user(user).with_context(lang=lang)
        return employer.mrc_risk_reasons, employer.mrc_flag_reason

    def test_reasons_computed_in_english_read_in_spanish(self):
        """Reasons computed by an English-speaking officer and cron read in Spanish by a
        Spanish-speaking reader, and in English by an English-speaking one."""
        self._flag_employer("en_US")
        for user in (self.liaison, self.officer):
            with self.subTest(user=user.login):
                risk, flag = self._read(user, "es_ES")
                self.assertIn("3 queja(s) fundada(s) de gravedad alta: +75,0", risk)
                self.assertIn("3 queja(s) fundada(s) de gravedad alta", flag)
                self.assertNotIn("substantiated", risk + flag, "English left in Spanish text")
                risk, flag = self._read(user, "en_US")
                self.assertIn("3 substantiated complaint(s) of high severity: +75.0", risk)
                self.assertIn("3 substantiated complaint(s) of high severity", flag)

    def test_reasons_computed_in_spanish_read_in_english(self):
        """Reasons computed by a Spanish-speaking officer and cron read in English by an
        English-speaking reader."""
        self._flag_employer("es_ES")
        risk, flag = self._read(self.liaison, "en_US")
        self.assertIn("3 substantiated complaint(s) of high severity: +75.0", risk)
        self.assertIn("3 substantiated complaint(s) of high severity", flag)
        self.assertNotIn("queja", risk + flag, "Spanish left in English text")
        risk, _flag = self._read(self.liaison, "es_ES")
        self.assertIn("3 queja(s) fundada(s) de gravedad alta: +75,0", risk)

    def test_vetting_and_licence_reasons_follow_the_reader(self):
        """Vetting-state and licence reasons are put into words in the reader's language."""
        self._license(self.agency, "LIC-R", is_revoked=True)
        self.agency.sudo()._mrc_set_vetting_state("rejected", "Forged documents.")
        english = self.agency.with_user(self.liaison).with_context(lang="en_US")
        spanish = self.agency.with_user(self.liaison).with_context(lang="es_ES")
        self.assertIn("licence expired or revoked, none valid: +20.0", english.mrc_risk_reasons)
        self.assertIn("vetting state rejected: +15.0", english.mrc_risk_reasons)
        self.assertIn(
            "licencia vencida o revocada, ninguna vigente: +20,0", spanish.mrc_risk_reasons
        )
        self.assertIn("estado de verificación rechazada: +15,0", spanish.mrc_risk_reasons)

    def test_users_without_risk_groups_cannot_read_reasons(self):
        """Counsellors and portal users read neither the reasons nor their data, in any
        language (rule 4)."""
        self._flag_employer("en_US")
        for user in (self.counsellor, self.portal_user):
            for lang in ("en_US", "es_ES"):
                employer = self.employer.with_user(user).with_context(lang=lang)
                for field in READER_FIELDS:
                    with (
                        self.subTest(user=user.login, lang=lang, field=field),
                        self.assertRaises(AccessError),
                    ):
                        employer.read([field])

    def test_flag_reason_written_by_a_person_stays_as_written(self):
        """A flag reason given as text is shown as written, whatever the reader's language."""
        text = "Inspección del 2026-11-01: cobros indebidos a los trabajadores."
        self.employer.sudo()._mrc_flag(text, 60.0)
        for lang in ("en_US", "es_ES"):
            with self.subTest(lang=lang):
                _risk, flag = self._read(self.liaison, lang)
                self.assertEqual(flag, text)

    def test_no_reason_no_text(self):
        """An organisation without risk has no reasons, and no flag reason while unflagged."""
        risk, flag = self._read(self.liaison, "es_ES")
        self.assertFalse(risk, "no risk, no reason expected")
        self.assertFalse(flag, "not flagged, no flag reason expected")

    def test_fill_reason_data_gives_missing_reasons(self):
        """Organisations scored before the reasons were kept as data get them from
        _mrc_fill_reason_data, flag reasons too if flagged, without score or flag changes."""
        self._flag_employer("en_US")
        employer = self.employer.sudo()
        score = employer.mrc_risk_score
        employer.write({"mrc_risk_reason_data": False, "mrc_flag_reason_data": False})
        self.assertFalse(employer.mrc_risk_reasons)
        filled = self.env["mrc.risk.engine"]._mrc_fill_reason_data()
        self.assertIn(self.employer, filled)
        self.assertEqual(employer.mrc_risk_score, score, "the score must not change")
        self.assertTrue(employer.mrc_is_flagged, "the flag must not change")
        risk, flag = self._read(self.liaison, "es_ES")
        self.assertIn("3 queja(s) fundada(s) de gravedad alta", risk)
        self.assertIn("3 queja(s) fundada(s) de gravedad alta", flag)
