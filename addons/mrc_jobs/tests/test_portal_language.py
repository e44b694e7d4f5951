"""Spanish end to end: a language turned on, in the demo or from Settings, brings Odoo's own
translations, so that a Spanish-speaking migrant reads the whole portal in Spanish."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

# Odoo's portal in Spanish (portal/i18n/es.po, with es_419.po over it for Latin America).
MY_ACCOUNT = "Mi cuenta"
CONNECTION_AND_SECURITY = "Conexión y seguridad"
CONFIGURE_CONNECTION = "Configure sus parámetros de conexión"
# Odoo's error pages in Spanish (http_routing/i18n/es.po and es_419.po): the 400 and 404 headings.
OOPS = "¡Uy! Algo salió mal."
NOT_FOUND = "No pudimos encontrar la página que busca"


@tagged("post_install", "-at_install")
class TestPortalLanguage(HttpCase):
    def _assert_home_in_spanish(self, login, password):
        self.authenticate(login, password)
        response = self.url_open("/my", timeout=60)
        self.assertEqual(response.status_code, 200)
        text = response.text
        # Whole pages in failure messages say nothing: only whether each string is there.
        self.assertTrue(MY_ACCOUNT in text, "Odoo's 'My account' is not in Spanish on /my")
        self.assertTrue(
            CONNECTION_AND_SECURITY in text, "'Connection & Security' is not in Spanish on /my"
        )
        self.assertTrue(CONFIGURE_CONNECTION in text, "the security card's text is not in Spanish")
        self.assertFalse("My account" in text, "'My account' is still in English on /my")

    def _assert_error_pages_in_spanish(self):
        """As the user of the session: a form posted without its security token (400) and a
        vacancy that does not exist (404) answer Odoo's error pages with Spanish headings."""
        job = self.env["hr.job"].search([], limit=1)
        response = self.url_open(f"/my/vacancies/{job.id}/interest", data={"consent": "1"})
        self.assertEqual(response.status_code, 400, "a form without its token is a bad request")
        self.assertTrue(OOPS in response.text, "the 400 page's heading is not in Spanish")
        self.assertFalse(
            "Oops! Something went wrong." in response.text, "the 400 page's heading is in English"
        )
        response = self.url_open("/my/vacancies/99999999")
        self.assertEqual(response.status_code, 404, "a vacancy that does not exist is not found")
        self.assertTrue(NOT_FOUND in response.text, "the 404 page's heading is not in Spanish")
        self.assertFalse(
            "We couldn't find the page" in response.text, "the 404 page's heading is in English"
        )

    def _rpc(self, route, model, method, args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": {}},
        }
        response = self.url_open(
            route,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
            timeout=300,  # loading every installed module's translations takes a while
        ).json()
        self.assertNotIn("error", response, f"{model}.{method} failed: {response.get('error')}")
        return response["result"]

    def test_demo_migrant_reads_odoo_portal_in_spanish(self):
        """The demo turns Spanish (Mexico) on through the standard language install: María, who
        speaks Spanish, reads Odoo's own portal strings in Spanish on /my."""
        maria = self.env.ref("mrc_recruiters.user_maria", raise_if_not_found=False)
        if not maria:
            self.skipTest("database installed without demo data")
        self.assertEqual(maria.lang, "es_MX")
        self._assert_home_in_spanish("maria", "maria")

    def test_demo_migrant_reads_odoo_error_pages_in_spanish(self):
        """Odoo's own error pages (http_routing's 400 "Oops! Something went wrong." and 404)
        reach María in Spanish: the standard language install loaded their translations (a
        language only activated, without them, shows these headings in English)."""
        maria = self.env.ref("mrc_recruiters.user_maria", raise_if_not_found=False)
        if not maria:
            self.skipTest("database installed without demo data")
        self.authenticate("maria", "maria")
        self._assert_error_pages_in_spanish()

    def test_language_added_in_settings_loads_odoo_translations(self):
        """An administrator adds Spanish (Latin America) with Settings' "Add Languages" (the
        standard language install, over JSON-RPC): a migrant who speaks it then reads Odoo's
        own portal strings in Spanish."""
        self.authenticate("admin", "admin")
        lang = self.env.ref("base.lang_es_419")
        wizard_ids = self._rpc(
            "/web/dataset/call_kw",
            "base.language.install",
            "create",
            [[{"lang_ids": [[6, 0, lang.ids]]}]],
        )
        self._rpc("/web/dataset/call_button", "base.language.install", "lang_install", [wizard_ids])
        migrant = new_test_user(
            self.env,
            login="mrc_l_migrant",
            groups="base.group_portal",
            lang="es_419",
        )
        self._assert_home_in_spanish(migrant.login, migrant.login)
        self._assert_error_pages_in_spanish()
