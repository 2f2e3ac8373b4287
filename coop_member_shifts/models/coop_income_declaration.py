import math

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

STATES = [("draft", "To validate"), ("validated", "Validated"), ("expired", "Expired")]
# Beyond any monthly income: a typing error or a probe, refused outright.
MAX_INCOME = 1e12
MAX_HOUSEHOLD_SHARES = 100


def _as_float(value):
    """The value as a float; NaN (refused by the checks) when it is not a number."""
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return math.nan


class CoopIncomeDeclaration(models.Model):
    """A member's declared monthly household income, from which their fee is computed.

    Only fee officers and managers read these records; other staff see the resulting fee and
    bracket on the contact. Members read and create their own from the portal.
    """

    _name = "coop.income.declaration"
    _description = "Income Declaration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    income = fields.Monetary(
        string="Monthly Household Income",
        currency_field="currency_id",
        required=True,
        tracking=True,
    )
    household_shares = fields.Float(
        digits=(4, 1),
        default=1.0,
        required=True,
        tracking=True,
        help="1 for each adult, 0.5 for each child (1 from the third), as for the French "
        "quotient familial.",
    )
    date = fields.Date(
        string="Declared On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    validity_months = fields.Integer(
        string="Valid For (months)",
        default=lambda self: self.env.company.coop_fee_validity_months,
        required=True,
    )
    date_end = fields.Date(string="Valid Until", compute="_compute_date_end", store=True)
    proof = fields.Binary(attachment=True, help="Tax notice, payslips...")
    proof_filename = fields.Char(string="Proof File Name")
    note = fields.Text()
    state = fields.Selection(
        STATES, string="Status", default="draft", required=True, tracking=True, copy=False
    )
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    to_check = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="The income is above the plausible ceiling set in Settings: a fee officer checks "
        "it before validating.",
    )
    fee_amount = fields.Monetary(
        string="Resulting Fee", compute="_compute_fee", currency_field="currency_id"
    )
    fee_bracket = fields.Char(string="Resulting Bracket", compute="_compute_fee")

    @api.depends("date", "validity_months")
    def _compute_date_end(self):
        for declaration in self:
            if declaration.date and declaration.validity_months > 0:
                declaration.date_end = declaration.date + relativedelta(
                    months=declaration.validity_months, days=-1
                )
            else:
                declaration.date_end = declaration.date

    @api.depends("income", "household_shares", "partner_id")
    def _compute_fee(self):
        for declaration in self:
            declaration.fee_amount, declaration.fee_bracket = 0.0, False
            product = declaration.partner_id._coop_fee_product()
            schedule = product.product_tmpl_id.sudo().coop_fee_schedule_id
            if not schedule or declaration.income < 0 or declaration.household_shares <= 0:
                continue
            fee, bracket = schedule._coop_fee(declaration.income, declaration.household_shares)
            declaration.fee_amount, declaration.fee_bracket = fee, bracket

    @api.constrains("income")
    def _check_income(self):
        for declaration in self:
            self._coop_check_amounts({"income": declaration.income})

    @api.constrains("household_shares")
    def _check_household_shares(self):
        for declaration in self:
            self._coop_check_amounts({"household_shares": declaration.household_shares})

    @api.model
    def _coop_check_amounts(self, vals):
        """Refuse an income or household that is not a finite, sensible number: checked on
        the values too, since a non-finite float cannot even be rounded to be stored."""
        if "income" in vals:
            income = _as_float(vals["income"])
            if not math.isfinite(income):
                raise ValidationError(_("The declared income must be a number."))
            if income < 0:
                raise ValidationError(_("The declared income cannot be negative."))
            if income >= MAX_INCOME:
                raise ValidationError(_("This amount is too large to be a monthly income."))
        if "household_shares" in vals:
            shares = _as_float(vals["household_shares"])
            if not math.isfinite(shares) or not 0 < shares <= MAX_HOUSEHOLD_SHARES:
                raise ValidationError(
                    _(
                        "A household counts more than zero shares (1 for one adult) and at most "
                        "%s.",
                        MAX_HOUSEHOLD_SHARES,
                    )
                )

    @api.constrains("validity_months")
    def _check_validity_months(self):
        if any(declaration.validity_months <= 0 for declaration in self):
            raise ValidationError(_("A declaration is valid for at least one month."))

    @api.depends("partner_id", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = _(
                "Income of %(member)s, %(date)s",
                member=declaration.partner_id.display_name or "",
                date=declaration.partner_id._coop_day(declaration.date),
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "coop_member_shifts.group_coop_fee_officer"
        ):
            # Members (portal) declare; only a fee officer validates.
            for vals in vals_list:
                vals.update(state="draft", validated_by_id=False)
        for vals in vals_list:
            vals.pop("to_check", None)
            self._coop_check_amounts(vals)
        declarations = super().create(vals_list)
        declarations._coop_flag_implausible()
        return declarations

    def write(self, vals):
        if not self.env.su:
            vals.pop("to_check", None)  # set by the server from the ceiling, cleared on validation
        self._coop_check_amounts(vals)
        result = super().write(vals)
        if "income" in vals:
            self.filtered(lambda d: d.state == "draft")._coop_flag_implausible()
        return result

    def _coop_check_officer(self):
        if not self.env.su and not self.env.user.has_group(
            "coop_member_shifts.group_coop_fee_officer"
        ):
            raise AccessError(_("Only a fee officer validates income declarations."))

    def action_validate(self):
        """Validate; the member's older validated declarations are replaced by this one."""
        self._coop_check_officer()
        for declaration in self:
            older = self.search(
                [
                    ("partner_id", "=", declaration.partner_id.id),
                    ("state", "=", "validated"),
                    ("date", "<=", declaration.date),
                    ("id", "!=", declaration.id),
                ]
            )
            older.write({"state": "expired"})
            for record in older:
                record.message_post(body=_("Replaced by the declaration of %s.", declaration.date))
            declaration.write({"state": "validated", "validated_by_id": self.env.user.id})
            declaration.sudo().to_check = False
        self._coop_close_check_activities(_("Validated."))
        return True

    def _coop_close_check_activities(self, feedback):
        """The to-dos that asked a fee officer to check or validate are done."""
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"], feedback=feedback)

    def _coop_is_implausible(self):
        self.ensure_one()
        ceiling = self.company_id.coop_income_ceiling
        return bool(ceiling) and self.income > ceiling

    def _coop_flag_implausible(self):
        """An income above the company's ceiling is kept, flagged, and left to a fee officer."""
        flagged = self.filtered(lambda d: not d.to_check and d._coop_is_implausible())
        if not flagged:
            return
        flagged.sudo().to_check = True
        for declaration in flagged.sudo():
            declaration._coop_schedule_todo(
                self._coop_fee_officer_user(),
                lambda env: (
                    env._("Implausible income to check"),
                    env._(
                        "The declared monthly income is above the plausible ceiling set in "
                        "Settings: check it with the member before validating."
                    ),
                ),
            )

    @api.model
    def _coop_fee_officer_user(self):
        officers = self.env.ref("coop_member_shifts.group_coop_fee_officer").sudo().users
        officer = officers.filtered(lambda user: not user._is_superuser())[:1]
        return officer or self.env.ref("base.user_admin")

    def _coop_ask_validation(self):
        """A member declared from the portal: ask a fee officer to validate."""
        officer = self._coop_fee_officer_user()
        for declaration in self.sudo():
            declaration.message_post(body=_("Declared by the member from their account."))
            if declaration.to_check:
                continue  # its activity already asks for the check
            declaration._coop_schedule_todo(
                officer, lambda env: (env._("Income declaration to validate"), "")
            )

    def action_reset_to_draft(self):
        self._coop_check_officer()
        self.write({"state": "draft", "validated_by_id": False})
        return True

    @api.model
    def _cron_coop_expire_declarations(self):
        """Expire validated declarations past their end, each on its own, and ask a fee
        officer to follow up."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "validated"), ("date_end", "<", today)])
        officers = self.env.ref("coop_member_shifts.group_coop_fee_officer").users
        failed = self.env["coop.cron.step"]._run_each(
            expired,
            lambda declaration: declaration._expire(officers),
            _("Expire income declarations"),
            responsible=officers[:1],
        )
        return expired - failed

    def _expire(self, officers):
        self.ensure_one()
        self.state = "expired"
        officer = self.validated_by_id if self.validated_by_id in officers else officers[:1]
        self._coop_schedule_todo(
            officer or self.env.user,
            lambda env: (
                env._("Income declaration expired"),
                env._(
                    "The income declaration of %s has expired: ask the member for a new one.",
                    self.partner_id.display_name,
                ),
            ),
        )

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Income declaration created")
