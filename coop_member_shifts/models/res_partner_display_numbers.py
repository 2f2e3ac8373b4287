"""Numbers as a member reads them, for the portal, the website and the e-mails."""

from odoo import models

from ..tools import display_numbers


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_number(self, value, digits=2):
        """ "1,5", "2": no ".0", the decimal mark of the page's language."""
        return display_numbers.format_number(value, self._coop_lang(), digits)

    def _coop_km(self, value):
        """ "1,5 km"."""
        return display_numbers.format_km(value, self._coop_lang())
