from odoo import fields, models

GIVE_BACK_REASONS = [("ill", "Ill"), ("no_car", "No car"), ("other", "Other")]


class CoopDeliveryGiveBack(models.Model):
    """A volunteer gave a delivery back: the request's history, read by the delivery
    coordinators only (a volunteer being ill is theirs to know, not the call centre's). Written
    by the give-back alone (``coop.delivery.request._coop_give_back``), never by hand."""

    _name = "coop.delivery.give.back"
    _description = "Delivery Given Back by a Volunteer"
    _order = "date desc, id desc"

    request_id = fields.Many2one(
        "coop.delivery.request", required=True, ondelete="cascade", index=True, readonly=True
    )
    volunteer_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True, readonly=True
    )
    reason = fields.Selection(GIVE_BACK_REASONS, required=True, readonly=True)
    note = fields.Text(readonly=True, help="What the volunteer wrote.")
    date = fields.Datetime(
        string="Given Back On", required=True, readonly=True, default=fields.Datetime.now
    )
    late = fields.Boolean(
        string="Past the Cut-off",
        readonly=True,
        help="Given back later than the cut-off of Settings: the request went to the "
        "coordinator instead of the volunteers.",
    )
