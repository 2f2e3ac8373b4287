from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """The member's data export also holds their solidarity delivery requests (without
        the volunteers who handled them: that is the volunteers' data)."""
        data = super()._coop_data_export()
        member = self.commercial_partner_id
        requests = (
            self.env["coop.delivery.request"].sudo().search([("beneficiary_id", "=", member.id)])
        )
        data["delivery_requests"] = self._coop_export_rows(
            requests,
            ["name", "channel", "delivery_date", "state", "sale_order_id", "shopping_list"]
            + ["access_notes", "failure_reason", "failure_note"],
        )
        return data
