from odoo import fields, models

from odoo.addons.coop_member_shifts.models.coop_shift_template import WEEKDAYS


class CoopSetupSlot(models.TransientModel):
    """A weekly slot as the setup assistant edits it; it becomes a slot rule, whose own
    checks (a slot ends after it starts, takes at least one order) refuse bad hours."""

    _name = "coop.setup.slot"
    _description = "Setup Assistant Weekly Slot"
    _order = "weekday, start_hour, id"

    wizard_id = fields.Many2one("coop.setup.wizard", required=True, ondelete="cascade")
    kind = fields.Selection(
        [("drive", "Drive pickup"), ("delivery", "Solidarity delivery")],
        required=True,
        default="drive",
    )
    rule_id = fields.Many2one("coop.slot.rule", string="Slot Rule")
    weekday = fields.Selection(WEEKDAYS, required=True, default="5")
    start_hour = fields.Float(string="Start", required=True, default=9.0)
    end_hour = fields.Float(string="End", required=True, default=12.0)
    capacity = fields.Integer(
        string="Orders", required=True, default=10, help="How many orders one slot takes."
    )

    def _coop_rule_values(self):
        self.ensure_one()
        return {
            "weekday": self.weekday,
            "start_hour": self.start_hour,
            "end_hour": self.end_hour,
            "capacity": self.capacity,
        }

    def _coop_label(self):
        self.ensure_one()
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        return self.env._(
            "%(day)s from %(start)s to %(end)s, %(capacity)s orders",
            day=weekdays.get(self.weekday, ""),
            start="%02d:%02d" % divmod(round(self.start_hour * 60), 60),
            end="%02d:%02d" % divmod(round(self.end_hour * 60), 60),
            capacity=self.capacity,
        )
