"""Languages of a coop: Odoo's own terms come with each language the coop speaks."""

from odoo import api, models

TERMS_PARAM = "coop_member_shifts.odoo_terms_langs"


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _coop_load_odoo_terms(self, codes):
        """Activate the languages ``codes`` and load their terms for every installed module.

        Activating a language alone (``_activate_lang``) leaves the screens of the modules
        already installed in English (the website's "My Account", the shop, the portal);
        modules installed afterwards load the terms of the active languages by themselves.
        """
        codes = [code for code in codes if code != "en_US"]
        for code in codes:
            self._activate_lang(code)
        if codes:
            modules = self.env["ir.module.module"].sudo().search([("state", "=", "installed")])
            modules._update_translations(codes)
            params = self.env["ir.config_parameter"].sudo()
            loaded = set(filter(None, (params.get_param(TERMS_PARAM) or "").split(",")))
            params.set_param(TERMS_PARAM, ",".join(sorted(loaded | set(codes))))
        return True

    @api.model
    def _coop_ensure_odoo_terms(self, code):
        """Load Odoo's terms in ``code`` unless this database already has them."""
        param = self.env["ir.config_parameter"].sudo().get_param(TERMS_PARAM) or ""
        if code == "en_US" or (code in param.split(",") and self._lang_get(code).active):
            return False
        return self._coop_load_odoo_terms([code])
