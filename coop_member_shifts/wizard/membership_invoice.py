from odoo import _, api, fields, models


class MembershipInvoice(models.TransientModel):
    """The join/renew wizard of ``membership`` proposes the member's own fee."""

    _inherit = "membership.invoice"

    coop_fee_note = fields.Char(string="Fee Note", compute="_compute_coop_fee_note")

    def _coop_partners(self):
        return self.env["res.partner"].browse(self.env.context.get("active_ids") or [])

    @api.depends("product_id")
    def _compute_coop_fee_note(self):
        partners = self._coop_partners()
        for wizard in self:
            schedule = wizard.product_id.product_tmpl_id.sudo().coop_fee_schedule_id
            if not schedule or not partners:
                wizard.coop_fee_note = False
            elif len(partners) > 1:
                wizard.coop_fee_note = _(
                    "Each member is invoiced their own fee, from their income declaration."
                )
            else:
                details = partners._coop_fee_details(wizard.product_id)
                if details["source"] == "declaration":
                    wizard.coop_fee_note = _(
                        "Fee of the bracket %(bracket)s, from the income declaration valid "
                        "until %(date)s.",
                        bracket=details["bracket"],
                        date=details["declaration"].date_end,
                    )
                else:
                    wizard.coop_fee_note = partners._coop_fee_how_to_declare()

    @api.onchange("product_id")
    def onchange_product(self):
        res = super().onchange_product()
        partners = self._coop_partners()
        if self.product_id and len(partners) == 1:
            self.member_price = partners._coop_membership_fee(self.product_id)
        return res

    def membership_invoice(self):
        partners = self._coop_partners()
        schedule = self.product_id.product_tmpl_id.sudo().coop_fee_schedule_id
        if schedule and len(partners) > 1:
            return super(
                MembershipInvoice, self.with_context(coop_fee_per_member=True)
            ).membership_invoice()
        return super().membership_invoice()
