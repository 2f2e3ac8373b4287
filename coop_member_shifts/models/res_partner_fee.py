"""A member's income-based membership fee, from their income declarations."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

FEE_SOURCES = [
    ("declaration", "Income declaration"),
    ("default", "Default fee (no valid declaration)"),
    ("none", "No income-based fee"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_income_declaration_ids = fields.One2many(
        "coop.income.declaration",
        "partner_id",
        string="Income Declarations",
        groups="coop_member_shifts.group_coop_fee_officer",
    )
    coop_fee_currency_id = fields.Many2one(
        "res.currency", string="Fee Currency", compute="_compute_coop_fee"
    )
    coop_fee_amount = fields.Monetary(
        string="Membership Fee",
        compute="_compute_coop_fee",
        currency_field="coop_fee_currency_id",
        help="What the member pays for their next membership, from their income declaration.",
    )
    coop_fee_bracket = fields.Char(string="Fee Bracket", compute="_compute_coop_fee")
    coop_fee_source = fields.Selection(FEE_SOURCES, string="Fee From", compute="_compute_coop_fee")
    coop_fee_valid_until = fields.Date(
        string="Declaration Valid Until", compute="_compute_coop_fee"
    )

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Odoo does not check a one2many's groups when it is searched: searching contacts by
        their income declarations is for fee officers only, like reading them."""
        if not self.env.su and not self.env.user.has_group(
            "coop_member_shifts.group_coop_fee_officer"
        ):
            paths = [leaf[0] for leaf in domain if isinstance(leaf, (list, tuple)) and leaf]
            if any(str(path).split(".")[0] == "coop_income_declaration_ids" for path in paths):
                raise AccessError(
                    _("Only fee officers search contacts by their income declarations.")
                )
        return super()._search(domain, *args, **kwargs)

    @api.depends_context("company")
    def _compute_coop_fee(self):
        valid = self._coop_valid_declarations()
        for partner in self:
            member = partner.commercial_partner_id
            product = member._coop_fee_product()
            details = member._coop_fee_details(product, valid.get(member._origin.id))
            partner.coop_fee_currency_id = (member.company_id or self.env.company).currency_id
            partner.coop_fee_amount = details["amount"]
            partner.coop_fee_bracket = details["bracket"]
            partner.coop_fee_source = details["source"]
            partner.coop_fee_valid_until = details["declaration"].date_end

    def create_membership_invoice(self, product, amount):
        """With ``coop_fee_per_member`` in the context, each member is invoiced their own fee
        (the join/renew wizard run on several members)."""
        if not self.env.context.get("coop_fee_per_member"):
            return super().create_membership_invoice(product, amount)
        moves = self.env["account.move"]
        for partner in self:
            fee = partner._coop_membership_fee(product)
            moves |= super(ResPartner, partner).create_membership_invoice(product, fee)
        return moves

    def _coop_valid_declarations(self):
        """{commercial partner id: their valid declaration}, read with sudo, in one query."""
        today = fields.Date.context_today(self)
        members = self.commercial_partner_id
        declarations = (
            self.env["coop.income.declaration"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", members._origin.ids),
                    ("state", "=", "validated"),
                    ("date", "<=", today),
                    ("date_end", ">=", today),
                ],
                order="date desc, id desc",
            )
        )
        valid = {}
        for declaration in declarations:
            valid.setdefault(declaration.partner_id.id, declaration)
        return valid

    def _coop_fee_product(self):
        """The membership product whose fee the member is shown: the one of their last
        membership if it has a fee schedule, else the first product with a schedule."""
        self.ensure_one()
        lines = self.sudo().member_lines.sorted(lambda line: line.date_to or fields.Date.today())
        for line in reversed(lines):
            if line.membership_id.product_tmpl_id.coop_fee_schedule_ids:
                return line.membership_id
        schedule = (
            self.env["coop.fee.schedule"]
            .sudo()
            .search([("company_id", "in", [False, self.env.company.id])], limit=1)
        )
        return schedule.product_tmpl_id.product_variant_id

    def _coop_fee_details(self, product, declaration=None):
        """Amount, bracket label, source and declaration of the member's fee for ``product``.

        ``declaration`` defaults to the member's valid declaration (read with sudo).
        """
        self.ensure_one()
        member = self.commercial_partner_id
        declarations = self.env["coop.income.declaration"].sudo()
        details = {"amount": 0.0, "bracket": False, "source": "none", "declaration": declarations}
        if not product:
            return details
        list_price = product._price_compute("list_price").get(product.id, 0.0)
        details["amount"] = list_price
        schedule = product.product_tmpl_id.sudo().coop_fee_schedule_id
        if not schedule:
            return details
        if declaration is None:
            declaration = member._coop_valid_declarations().get(member.id, declarations)
        if declaration:
            amount, bracket = schedule._coop_fee(declaration.income, declaration.household_shares)
            details.update(
                amount=amount, bracket=bracket, source="declaration", declaration=declaration
            )
            return details
        company = member.company_id or self.env.company
        if company.coop_fee_default_mode == "fixed":
            details["amount"] = company.coop_fee_default_amount
        details["source"] = "default"
        return details

    def _coop_membership_fee(self, product):
        """The fee this member pays for the membership ``product`` (product.product)."""
        self.ensure_one()
        return self._coop_fee_details(product)["amount"]

    def _coop_fee_how_to_declare(self):
        """The sentence telling a member without a valid declaration how to get their fee."""
        return _(
            "Without a valid income declaration, the default fee applies. Declare your income "
            "from your account on the website (My Account > My income) to pay your own fee."
        )

    @api.model
    def _cron_coop_fee_renewal_notices(self):
        """E-mail their renewal fee to members whose membership (of a product with a fee
        schedule) ends within the notice period; once per membership."""
        today = fields.Date.context_today(self)
        lines = (
            self.env["membership.membership_line"]
            .sudo()
            .search(
                [
                    ("coop_renewal_notified", "=", False),
                    ("date_cancel", "=", False),
                    ("date_to", ">=", today),
                    ("state", "in", ("invoiced", "paid")),
                    ("membership_id.product_tmpl_id.coop_fee_schedule_ids", "!=", False),
                ]
            )
        )

        def notice_days(line):
            company = line.company_id or line.partner.company_id or self.env.company
            return company.coop_fee_renewal_days

        due = lines.filtered(lambda line: (line.date_to - today).days <= notice_days(line))
        failed = self.env["coop.cron.step"]._run_each(
            due,
            lambda line: line.partner._coop_send_fee_renewal_notice(line),
            _("Membership renewal notice"),
            responsible=self.env.ref("coop_member_shifts.group_coop_fee_officer").users[:1],
            activity_on=lambda line: line.partner,
        )
        return due - failed

    def _coop_send_fee_renewal_notice(self, line):
        """E-mail the renewal fee (unless already renewed) and mark the membership notified."""
        renewed = self.membership_stop and self.membership_stop > line.date_to
        if self.email and not renewed:
            self.env.ref("coop_member_shifts.mail_template_fee_renewal").send_mail(
                self.id, email_layout_xmlid="mail.mail_notification_light"
            )
        line.coop_renewal_notified = True

    def action_coop_open_declarations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_member_shifts.coop_income_declaration_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
