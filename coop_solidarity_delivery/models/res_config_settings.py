from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_drive_reminder = fields.Boolean(
        string="Drive Reminders",
        config_parameter="coop_solidarity_delivery.drive_reminder",
        help="E-mail members the day before their pickup slot.",
    )
