from odoo import _, api, fields, models
from odoo.tools import format_amount


class CoopFeeBracket(models.Model):
    _name = "coop.fee.bracket"
    _description = "Membership Fee Bracket"
    _order = "schedule_id, income_from, id"

    schedule_id = fields.Many2one(
        "coop.fee.schedule", string="Fee Schedule", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="schedule_id.currency_id", string="Currency")
    name = fields.Char(
        string="Bracket",
        compute="_compute_name",
        store=True,
        readonly=False,
        help="What the bracket is called on contacts and in the reports.",
    )
    income_from = fields.Monetary(currency_field="currency_id", help="Included in the bracket.")
    income_to = fields.Monetary(
        string="Income Up To (0: no limit)",
        currency_field="currency_id",
        help="Excluded from the bracket (it starts the next one). Leave at 0 for the last "
        "bracket: no upper limit.",
    )
    fee = fields.Monetary(currency_field="currency_id", required=True)

    @api.depends("income_from", "income_to", "currency_id")
    def _compute_name(self):
        for bracket in self:
            start = bracket._coop_format(bracket.income_from)
            if bracket.income_to:
                end = bracket._coop_format(bracket.income_to)
                bracket.name = _("%(start)s to %(end)s", start=start, end=end)
            else:
                bracket.name = _("%s and more", start)

    @api.constrains("income_from", "income_to", "fee")
    def _check_schedule_brackets(self):
        """A bracket edited on its own is checked with its schedule's other brackets (edits
        through the schedule are checked once, by the schedule)."""
        if not self.env.context.get("coop_fee_brackets_batch"):
            self.schedule_id._check_schedule()

    def _coop_format(self, amount):
        if not self.currency_id:
            return f"{amount:g}"
        return format_amount(self.env, amount, self.currency_id)
