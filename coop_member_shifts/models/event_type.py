from odoo import fields, models


class EventType(models.Model):
    """An event template of the coop: a workshop, a convivial moment, a general assembly."""

    _inherit = "event.type"

    coop_members_only = fields.Boolean(
        string="Members Only",
        help="Events of this type are kept for the coop's members: others cannot register.",
    )
    coop_counts_as_work = fields.Boolean(
        string="Organisers' Hours Count",
        default=True,
        help="The members who organise or run an event of this type have their hours counted "
        "as volunteer work, once the event is done and a coordinator validates them.",
    )
