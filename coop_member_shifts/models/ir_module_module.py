from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """Each time Odoo's event translations are loaded (a language added, a module
        updated), the Dutch confirmation mail is repaired again (models/mail_template.py)."""
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "event" in modules and any(lang[:2] == "nl" for lang in langs):
            self.env["mail.template"]._coop_repair_event_translations()
        return result
