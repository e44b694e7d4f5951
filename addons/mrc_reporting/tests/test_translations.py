"""Every term the MRC add-ons show is in Spanish once the add-ons are installed.

Odoo reads a module's ``es.po`` merged with its ``<module>.pot`` template: an entry of the
``.po`` that the template lacks is taken as obsolete and silently dropped. So a Spanish
string added to ``es.po`` without re-exporting the template never reaches a user. This test
asks Odoo itself (its translation export, for a Spanish language installed in the database)
for every term of the five add-ons, and refuses any without a Spanish translation, unless
``es.po`` translates it by the same words (a name, "Total").
"""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

MODULES = ("mrc_recruiters", "mrc_skills", "mrc_jobs", "mrc_cases", "mrc_reporting")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_has_its_spanish(self):
        lang = self.env["res.lang"].search([("code", "=like", "es_%")], limit=1).code
        if not lang:
            self.env["res.lang"]._activate_lang("es_ES")
            self.env["ir.module.module"]._load_module_terms(list(MODULES), ["es_ES"])
            lang = "es_ES"
        missing = []
        for module in MODULES:
            po = polib.pofile(str(Path(get_module_path(module)) / "i18n" / "es.po"))
            same = {entry.msgid for entry in po if entry.msgstr == entry.msgid}
            reader = TranslationModuleReader(self.env.cr, modules=[module], lang=lang)
            for owner, _type, name, _res_id, source, value, _comments in reader:
                if owner == module and not value and source not in same and source.strip():
                    missing.append(f"{module} {name}: {source[:80]!r}")
        self.assertFalse(
            missing,
            f"{len(missing)} terms have no Spanish in {lang} (in es.po but not in the .pot "
            "template, or not in es.po):\n" + "\n".join(sorted(set(missing))[:40]),
        )
