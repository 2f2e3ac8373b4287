from odoo import api, models


class CoopWorkEntry(models.Model):
    _inherit = "coop.work.entry"

    @api.model
    def _origin_models(self):
        return super()._origin_models() + [
            ("coop.delivery.request", self.env._("Delivery Request"))
        ]
