from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.base.models.res_partner import _tz_get

MANAGER_GROUP = "coop_member_shifts.group_coop_manager"
POSTPONED_PARAM = "coop_member_shifts.setup_postponed"
DEFAULT_BRACKETS = [(0.0, 800.0, 10.0), (800.0, 1500.0, 30.0), (1500.0, 0.0, 60.0)]


class CoopSetupWizard(models.TransientModel):
    """The coop's setup assistant: one step a screen, each applied when the manager moves on,
    through the models' own writes so that their constraints hold whatever the path."""

    _name = "coop.setup.wizard"
    _description = "Coop Setup Assistant"

    step = fields.Selection(
        [
            ("identity", "Your Coop"),
            ("work", "Volunteer Hours"),
            ("fees", "Membership Fees"),
            ("done", "Checklist"),
        ],
        required=True,
        default="identity",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    # Identity
    coop_name = fields.Char(required=True, default=lambda self: self.env.company.name)
    street = fields.Char(default=lambda self: self.env.company.street)
    zip = fields.Char(default=lambda self: self.env.company.zip)
    city = fields.Char(default=lambda self: self.env.company.city)
    country_id = fields.Many2one("res.country", default=lambda self: self._default_country())
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default=lambda self: self.env.company.partner_id.tz or "Europe/Paris",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        context={"active_test": False},
        default=lambda self: self._default_currency(),
    )
    lang_id = fields.Many2one(
        "res.lang",
        string="Language",
        required=True,
        context={"active_test": False},
        default=lambda self: self._default_lang(),
    )
    # Volunteer hours
    monthly_hours = fields.Float(
        string="Monthly Volunteer Hours",
        default=lambda self: self.env.company.coop_monthly_hours,
        help="Hours of volunteer work each member owes the coop every month.",
    )
    grace_months = fields.Integer(
        default=lambda self: self.env.company.coop_work_grace_months,
        help="Months a member may stay behind on their hours before being suspended.",
    )
    # Membership fees
    fee_product_id = fields.Many2one(
        "product.template",
        string="Membership Product",
        domain=[("membership", "=", True)],
        default=lambda self: self._default_fee_product(),
        help="Empty: the assistant creates a yearly membership product.",
    )
    fee_product_name = fields.Char(string="New Membership Name", default="Yearly membership")
    bracket_ids = fields.One2many(
        "coop.setup.bracket",
        "wizard_id",
        string="Fee Brackets",
        default=lambda self: self._default_brackets(),
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)
    resume = fields.Boolean(
        help="Set when the page reloads in the language just chosen: the assistant opens "
        "again on this step."
    )
    checklist = fields.Html(compute="_compute_checklist", sanitize=False)
    checklist_complete = fields.Boolean(compute="_compute_checklist")

    def _default_country(self):
        """The company's country once it has an address; France for a new database (whose
        company Odoo places in the United States)."""
        company = self.env.company
        if company.street and company.country_id:
            return company.country_id
        return self.env.ref("base.fr", raise_if_not_found=False) or company.country_id

    def _default_currency(self):
        company = self.env.company
        if company.street:
            return company.currency_id
        return self._default_country().currency_id or company.currency_id

    def _default_lang(self):
        code = self.env.company.partner_id.lang or self.env.user.lang or "en_US"
        return self.env["res.lang"]._lang_get(code)

    def _default_fee_product(self):
        schedule = self.env["coop.fee.schedule"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        return schedule.product_tmpl_id

    def _default_brackets(self):
        schedule = self.env["coop.fee.schedule"].search(
            [("company_id", "=", self.env.company.id), ("mode", "=", "brackets")], limit=1
        )
        rows = [(b.income_from, b.income_to, b.fee) for b in schedule.bracket_ids]
        return [
            fields.Command.create({"income_from": low, "income_to": high, "fee": fee})
            for low, high, fee in rows or DEFAULT_BRACKETS
        ]

    @api.onchange("country_id")
    def _onchange_country_id(self):
        if self.country_id.currency_id:
            self.currency_id = self.country_id.currency_id

    @api.depends("step", "coop_name", "street", "city", "tz", "monthly_hours", "bracket_ids")
    def _compute_preview(self):
        for wizard in self:
            lines = getattr(wizard, f"_coop_preview_{wizard.step}", list)()
            wizard.preview = self.env["ir.qweb"]._render(
                "coop_member_shifts.coop_setup_preview", {"lines": lines}
            )

    @api.depends("step")
    def _compute_checklist(self):
        checks = self._coop_setup_checks()
        html = self.env["ir.qweb"]._render(
            "coop_member_shifts.coop_setup_checklist", {"checks": checks}
        )
        for wizard in self:
            wizard.checklist = html
            wizard.checklist_complete = all(check["done"] for check in checks)

    # === ACTIONS ===#

    def action_next(self):
        """Apply the current step, then show the next one."""
        self._coop_check_manager()
        lang = self.env.user.lang
        getattr(self, f"_coop_apply_{self.step}")()
        steps = self._coop_steps()
        self.step = steps[min(steps.index(self.step) + 1, len(steps) - 1)]
        if self.env.user.lang != lang:
            # The whole page speaks the new language only once reloaded.
            self.resume = True
            action = self.env.ref("coop_member_shifts.coop_setup_wizard_action")
            return {
                "type": "ir.actions.client",
                "tag": "reload",
                "params": {"action_id": action.id},
            }
        return self._coop_reopen()

    def action_back(self):
        steps = self._coop_steps()
        self.step = steps[max(steps.index(self.step) - 1, 0)]
        return self._coop_reopen()

    def action_later(self):
        """Close the assistant; it no longer opens by itself (the menu still reaches it)."""
        self._coop_check_manager()
        self.env["ir.config_parameter"].sudo().set_param(POSTPONED_PARAM, "1")
        return self._coop_landing_action()

    def action_close(self):
        return self._coop_landing_action()

    @api.model
    def action_open(self):
        """The assistant, on its first step; or on the step it was left at when the page
        reloaded in a new language."""
        self._coop_check_manager()
        wizard = self.search([("create_uid", "=", self.env.uid), ("resume", "=", True)], limit=1)
        if wizard:
            wizard.resume = False
            return wizard._coop_reopen()
        return self.create({})._coop_reopen()

    @api.model
    def action_coop_home(self):
        """What the Coop app opens: the assistant for a manager while the coop is not set up
        (unless postponed), else the first menu of the app the user may open."""
        postponed = self.env["ir.config_parameter"].sudo().get_param(POSTPONED_PARAM)
        if (
            self.env.user.has_group(MANAGER_GROUP)
            and not postponed
            and not self._coop_setup_complete()
        ):
            return self.action_open()
        return self._coop_landing_action()

    # === BUSINESS METHODS ===#

    def _coop_steps(self):
        """The steps in order; other addons insert theirs before the checklist."""
        return ["identity", "work", "fees", "done"]

    def _coop_check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a coop manager can set the coop up."))

    def _coop_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Setup Assistant"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {**self.env.context, "dialog_size": "extra-large"},
        }

    @api.model
    def _coop_landing_action(self):
        """The action of the first menu of the Coop app this user sees."""
        Menu = self.env["ir.ui.menu"]
        visible = Menu._visible_menu_ids()
        menu = Menu.browse()
        todo = list(self.env.ref("coop_member_shifts.menu_coop_root").child_id)  # by sequence
        while todo and not menu:
            current = todo.pop(0)
            if current.id not in visible:
                continue
            if current.action:
                menu = current
            todo = list(current.child_id) + todo
        if not menu:
            return {"type": "ir.actions.act_window_close"}
        return menu.action._get_action_dict()

    @api.model
    def _coop_setup_checks(self):
        """What is set up and what is left, read from the database: a list of
        {"key", "name", "done"} in the order of the steps."""
        company = self.env.company.sudo()
        schedules = self.env["coop.fee.schedule"].sudo().search([("company_id", "=", company.id)])
        return [
            {
                "key": "address",
                "name": self.env._("The coop's address"),
                "done": bool(company.street and company.city and company.country_id),
            },
            {
                "key": "hours",
                "name": self.env._("Monthly volunteer hours"),
                "done": company.coop_monthly_hours > 0,
            },
            {
                "key": "fees",
                "name": self.env._("A membership fee schedule"),
                "done": any(s.bracket_ids or s.mode == "rate" for s in schedules),
            },
        ]

    @api.model
    def _coop_setup_complete(self):
        return all(check["done"] for check in self._coop_setup_checks())
