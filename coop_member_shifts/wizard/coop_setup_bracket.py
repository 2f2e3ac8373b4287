from odoo import fields, models
from odoo.tools import format_amount


class CoopSetupBracket(models.TransientModel):
    """A fee bracket as the setup assistant edits it; the fee schedule checks them together."""

    _name = "coop.setup.bracket"
    _description = "Setup Assistant Fee Bracket"
    _order = "income_from, id"

    wizard_id = fields.Many2one("coop.setup.wizard", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    income_from = fields.Monetary(string="Monthly Income From", currency_field="currency_id")
    income_to = fields.Monetary(
        string="Up To (0: no limit)",
        currency_field="currency_id",
        help="Excluded from the bracket. Leave at 0 for the last bracket: no upper limit.",
    )
    fee = fields.Monetary(currency_field="currency_id", required=True)

    def _coop_label(self):
        self.ensure_one()
        values = {
            "start": self._coop_amount(self.income_from),
            "end": self._coop_amount(self.income_to),
            "fee": self._coop_amount(self.fee),
        }
        if self.income_to:
            return self.env._("Incomes from %(start)s to %(end)s pay %(fee)s.", **values)
        return self.env._("Incomes from %(start)s and more pay %(fee)s.", **values)

    def _coop_amount(self, amount):
        if not self.currency_id:
            return f"{amount:g}"
        return format_amount(self.env, amount, self.currency_id)
