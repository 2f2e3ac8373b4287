from odoo import api, fields, models

from ..tools import slot_rules


class CoopClosingDay(models.Model):
    _name = "coop.closing.day"
    _description = "Drive Closing Day"
    _order = "date desc"

    date = fields.Date(required=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Store", help="Leave empty when every store is closed."
    )
    name = fields.Char(string="Reason", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._close_slots()
        days._cancel_shifts()
        return days

    def write(self, vals):
        res = super().write(vals)
        self._close_slots()
        self._cancel_shifts()
        return res

    # === BUSINESS METHODS ===#

    def _cancel_shifts(self):
        """A day every store is closed has no shift: the open shifts ahead of that day are
        cancelled, and their members told by the coop."""
        tz = self.env.company.partner_id.tz or "Europe/Paris"
        now = fields.Datetime.now()
        for day in self.filtered(lambda day: not day.warehouse_id):
            start, end = slot_rules.local_day_bounds(day.date, tz)
            self.env["coop.shift"].sudo().search(
                [("state", "=", "open"), ("start", ">=", max(start, now)), ("start", "<", end)]
            ).action_cancel()

    def _close_slots(self):
        """Close the open slots of these days (orders already booked stay on them, so that
        staff can call the members)."""
        Slot = self.env["coop.slot"]
        for day in self:
            domain = [("state", "=", "open")]
            if day.warehouse_id:
                domain.append(("warehouse_id", "=", day.warehouse_id.id))
            for tz in set(Slot.search(domain).mapped("rule_id.tz")) or {"UTC"}:
                start, end = slot_rules.local_day_bounds(day.date, tz)
                Slot.search(
                    domain + [("rule_id.tz", "=", tz), ("start", ">=", start), ("start", "<", end)]
                ).state = "closed"
