from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def _get_additionnal_combination_info(self, product_or_template, quantity, date, website):
        """On a membership with an income-based fee, a logged-in member sees their own fee;
        a visitor sees the range of the fees."""
        info = super()._get_additionnal_combination_info(
            product_or_template, quantity, date, website
        )
        schedule = self.sudo().coop_fee_schedule_id
        if not (self.membership and schedule):
            return info
        currency = info["currency"]

        def convert(amount):
            return schedule.currency_id._convert(amount, currency, self.env.company, date)

        if self.env.user._is_public():
            info.update(
                coop_fee_min=convert(schedule.fee_min),
                coop_fee_max=convert(schedule.fee_max) if schedule.fee_max else False,
            )
            return info
        product = (
            product_or_template
            if product_or_template._name == "product.product"
            else self.product_variant_id
        )
        member = self.env.user.partner_id.commercial_partner_id
        details = member._coop_fee_details(product)
        fee = self._apply_taxes_to_price(
            convert(details["amount"]),
            currency,
            info["product_taxes"],
            info["taxes"],
            product_or_template,
            website=website,
        )
        info.update(
            price=fee,
            list_price=fee,
            has_discounted_price=False,
            coop_fee_source=details["source"],
            coop_fee_bracket=details["bracket"],
        )
        return info
