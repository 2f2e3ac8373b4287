from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..tools import fee_schedule as fs

MODES = [(fs.BRACKETS, "Income brackets"), (fs.RATE, "Rate of income")]
BASES = [
    (fs.HOUSEHOLD, "Monthly household income"),
    (fs.PER_SHARE, "Monthly income per household share"),
]


class CoopFeeSchedule(models.Model):
    _name = "coop.fee.schedule"
    _description = "Membership Fee Schedule"
    _order = "product_tmpl_id, id"
    _rec_name = "product_tmpl_id"

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Membership Product",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("membership", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    mode = fields.Selection(MODES, string="Fee Set By", required=True, default=fs.BRACKETS)
    basis = fields.Selection(
        BASES,
        string="Income Basis",
        required=True,
        default=fs.HOUSEHOLD,
        help="Per household share: the monthly income divided by the household's shares "
        "(the French quotient familial).",
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), help="Percentage of the income basis.")
    fee_floor = fields.Monetary(string="Lowest Fee", currency_field="currency_id")
    fee_cap = fields.Monetary(
        string="Highest Fee", currency_field="currency_id", help="Leave at 0 for no cap."
    )
    fee_step = fields.Monetary(
        string="Round Fees To",
        currency_field="currency_id",
        default=5.0,
        help="In rate mode, fees are rounded to a multiple of this amount, so that a fee, "
        "which shop staff see, does not give the member's declared income away: every income "
        "of a band (this step divided by the rate) pays the same fee.",
    )
    income_band_width = fields.Monetary(
        string="A Fee Tells the Income To Within",
        compute="_compute_income_band_width",
        currency_field="currency_id",
        help="The width of the band of incomes that pay one same fee: all that staff who "
        "see a fee can learn of the income.",
    )
    bracket_ids = fields.One2many("coop.fee.bracket", "schedule_id", string="Brackets", copy=True)
    fee_min = fields.Monetary(
        string="From", compute="_compute_fee_range", currency_field="currency_id"
    )
    fee_max = fields.Monetary(
        string="To", compute="_compute_fee_range", currency_field="currency_id"
    )

    _sql_constraints = [
        (
            "product_tmpl_uniq",
            "unique(product_tmpl_id)",
            "A membership product has a single fee schedule.",
        ),
    ]

    @api.depends("mode", "bracket_ids.fee", "fee_floor", "fee_cap")
    def _compute_fee_range(self):
        for schedule in self:
            low, high = fs.fee_range(
                schedule.mode, schedule._coop_brackets(), schedule.fee_floor, schedule.fee_cap
            )
            schedule.fee_min = low or 0.0
            schedule.fee_max = high or 0.0

    @api.depends("mode", "rate", "fee_step")
    def _compute_income_band_width(self):
        for schedule in self:
            width = None
            if schedule.mode == fs.RATE:
                width = fs.income_band_width(schedule.rate, schedule.fee_step)
            schedule.income_band_width = width or 0.0

    @api.constrains("product_tmpl_id")
    def _check_product_tmpl_id(self):
        for schedule in self:
            if not schedule.product_tmpl_id.membership:
                raise ValidationError(
                    _(
                        "%(product)s is not a membership product: only membership products "
                        "have an income-based fee.",
                        product=schedule.product_tmpl_id.display_name,
                    )
                )

    @api.constrains("mode", "bracket_ids", "rate", "fee_floor", "fee_cap", "fee_step")
    def _check_schedule(self):
        for schedule in self:
            if schedule.mode == fs.BRACKETS:
                problems = fs.bracket_problems(schedule._coop_brackets())
            else:
                problems = fs.rate_problems(
                    schedule.rate, schedule.fee_floor, schedule.fee_cap, schedule.fee_step
                )
            schedule._coop_raise_problems(problems)

    @api.model_create_multi
    def create(self, vals_list):
        # The brackets are checked together, once the schedule holds all of them.
        batch = self.with_context(coop_fee_brackets_batch=True)
        return super(CoopFeeSchedule, batch).create(vals_list).with_env(self.env)

    def write(self, vals):
        return super(CoopFeeSchedule, self.with_context(coop_fee_brackets_batch=True)).write(vals)

    def _coop_raise_problems(self, problems):
        if not problems:
            return
        messages = [self._coop_problem_message(problem) for problem in problems]
        raise ValidationError(
            _("The fee schedule of %(product)s is not valid:", product=self.display_name)
            + "\n- "
            + "\n- ".join(messages)
        )

    def _coop_brackets(self):
        self.ensure_one()
        return [fs.Bracket(b.income_from, b.income_to or None, b.fee) for b in self.bracket_ids]

    def _coop_amount(self, value):
        return format_amount(self.env, value or 0.0, self.currency_id)

    def _coop_problem_message(self, problem):
        """The translated sentence for a problem code of the fee_schedule tool."""
        code, *args = problem
        amounts = [self._coop_amount(arg) for arg in args]
        first = amounts[0] if amounts else ""
        second = amounts[1] if len(amounts) > 1 else ""
        messages = {
            fs.NEGATIVE_INCOME: lambda: self.env._("The income cannot be negative."),
            fs.NO_SHARES: lambda: self.env._("A household has more than zero shares."),
            fs.NO_BRACKETS: lambda: self.env._("Add at least one income bracket."),
            fs.MISSING_FEE: lambda: self.env._("The bracket from %s has no fee.", first),
            fs.NEGATIVE_FEE: lambda: self.env._("The bracket from %s has a negative fee.", first),
            fs.NEGATIVE_FROM: lambda: self.env._("A bracket starts below zero (%s).", first),
            fs.EMPTY_BRACKET: lambda: self.env._(
                "The bracket from %(start)s ends at %(end)s, before it starts.",
                start=first,
                end=second,
            ),
            fs.FIRST_NOT_ZERO: lambda: self.env._(
                "The first bracket starts at %s: it must start at 0 so that every income "
                "has a fee.",
                first,
            ),
            fs.OVERLAP: lambda: self.env._(
                "The brackets from %(first)s and from %(second)s overlap.",
                first=first,
                second=second,
            ),
            fs.GAP: lambda: self.env._(
                "No bracket covers the incomes from %(start)s to %(end)s.",
                start=first,
                end=second,
            ),
            fs.OPEN_NOT_LAST: lambda: self.env._(
                "Only the last bracket may have no upper limit (the bracket from %s has none).",
                first,
            ),
            fs.NO_TOP: lambda: self.env._(
                "The last bracket ends at %s: leave its upper limit empty so that every income "
                "has a fee.",
                first,
            ),
            fs.NEGATIVE_RATE: lambda: self.env._("The rate cannot be negative."),
            fs.NEGATIVE_FLOOR: lambda: self.env._("The lowest fee cannot be negative."),
            fs.FLOOR_ABOVE_CAP: lambda: self.env._(
                "The lowest fee (%(floor)s) is above the highest fee (%(cap)s).",
                floor=first,
                cap=second,
            ),
            fs.NO_STEP: lambda: self.env._(
                "Round the fees to a step above zero: an exact rate of the income would let "
                "everyone who sees a fee work the member's income out."
            ),
        }
        return messages[code]()

    def _coop_fee(self, income, shares):
        """(fee rounded to the currency, bracket label) for a declared income."""
        self.ensure_one()
        try:
            value = fs.income_basis(income, shares, self.basis)
            if self.mode == fs.BRACKETS:
                brackets = self.bracket_ids.sorted("income_from")
                bracket = brackets.filtered(
                    lambda b: b.income_from <= value and (not b.income_to or value < b.income_to)
                )[:1]
                fee = fs.bracket_fee(self._coop_brackets(), value)
                label = bracket.name
            else:
                fee = fs.rate_fee(value, self.rate, self.fee_floor, self.fee_cap, self.fee_step)
                label = self._coop_rate_label(fee)
        except fs.FeeError as error:
            raise UserError(self._coop_problem_message((error.code, *error.args[1:]))) from error
        return self.currency_id.round(fee), label

    def _coop_rate_label(self, fee):
        """What a rate fee is called on the contact: it never shows the income."""
        if fee <= self.fee_floor:
            return _("Lowest fee")
        if self.fee_cap and fee >= self.fee_cap:
            return _("Highest fee")
        return _(
            "%(rate)s%% of income, rounded to %(step)s",
            rate=self.rate,
            step=self._coop_amount(self.fee_step),
        )
