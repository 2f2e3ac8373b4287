from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _coop_unreachable_domain(self):
        """The contacts the coop cannot reach by any channel: no e-mail, no phone, no mobile.

        The one definition of the day view's "could not be reached": its ``_compute``
        (``filtered_domain``) and its ``_search`` both read this domain, so they agree. Extend
        it where a channel is added or chosen (the contact's preferences, SMS)."""
        return [("email", "=", False), ("phone", "=", False), ("mobile", "=", False)]
