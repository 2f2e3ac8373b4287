from odoo import fields, models


class CoopWeekday(models.Model):
    _name = "coop.weekday"
    _description = "Day of the Week"
    _order = "number"

    name = fields.Char(required=True, translate=True)
    number = fields.Integer(required=True, help="0 for Monday to 6 for Sunday.")

    _sql_constraints = [
        ("number_unique", "UNIQUE(number)", "Each day of the week exists once."),
        ("number_range", "CHECK(number BETWEEN 0 AND 6)", "A weekday is numbered from 0 to 6."),
    ]
