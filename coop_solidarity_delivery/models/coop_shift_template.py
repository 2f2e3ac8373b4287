from odoo import api, models


class CoopShiftTemplate(models.Model):
    _inherit = "coop.shift.template"

    @api.model
    def _coop_closed_dates(self, date_from, date_to):
        """The coop's closing days for every store close its shifts too."""
        closing_days = self.env["coop.closing.day"].search(
            [("date", ">=", date_from), ("date", "<=", date_to), ("warehouse_id", "=", False)]
        )
        return super()._coop_closed_dates(date_from, date_to) | set(closing_days.mapped("date"))
