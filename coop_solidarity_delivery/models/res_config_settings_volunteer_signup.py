from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    coop_volunteer_approval = fields.Boolean(
        string="Approve New Volunteers Before Their First Offer",
        config_parameter="coop_solidarity_delivery.volunteer_approval",
        help="A volunteer who signed up on the website is offered no delivery until a "
        "delivery coordinator approves them on their contact.",
    )
    coop_volunteer_welcome_user_id = fields.Many2one(
        "res.users",
        string="Welcomes New Volunteers",
        config_parameter="coop_solidarity_delivery.volunteer_welcome_user_id",
        domain=[("share", "=", False)],
        help="Gets an activity for each volunteer who signs up on the website. Empty: the "
        "first delivery coordinator.",
    )
