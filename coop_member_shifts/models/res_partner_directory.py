from odoo import models


class ResPartner(models.Model):
    """An erased member leaves the directory: their profile and messages go with them."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_anonymise_one(self):
        self.env["coop.directory.profile"].sudo().search([("partner_id", "=", self.id)]).unlink()
        self.env["coop.directory.message"].sudo().search(
            ["|", ("sender_id", "=", self.id), ("recipient_id", "=", self.id)]
        ).unlink()
        return super()._coop_anonymise_one()
