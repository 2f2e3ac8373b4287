from odoo import fields, models


class CoopTaskType(models.Model):
    _name = "coop.task.type"
    _description = "Volunteer Task Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
