from odoo import fields, models


class CoopTaskType(models.Model):
    _name = "coop.task.type"
    _description = "Volunteer Task Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    required_skill_id = fields.Many2one(
        "coop.skill",
        ondelete="restrict",
        help="Only members holding this skill (confirmed, when it needs confirmation) may "
        "register to its shifts, whoever registers them.",
    )
