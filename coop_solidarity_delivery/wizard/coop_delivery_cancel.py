from odoo import fields, models


class CoopDeliveryCancel(models.TransientModel):
    """The call centre cancels a delivery for a member who phones: what they said is kept on
    the request, and the volunteer who had it is told."""

    _name = "coop.delivery.cancel"
    _description = "Cancel a Solidarity Delivery"

    request_ids = fields.Many2many("coop.delivery.request", string="Requests", required=True)
    note = fields.Text(
        string="Reason",
        required=True,
        help="What the member said: kept on the request, never sent to the volunteer.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.request_ids._coop_check_delivery_team()
        self.request_ids._coop_cancel(note=self.note.strip())
        return {"type": "ir.actions.act_window_close"}
