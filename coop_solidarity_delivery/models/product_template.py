from odoo import fields, models


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
        if self.env.user._is_public():
            info.update(
                coop_fee_min=schedule.currency_id._convert(
                    schedule.fee_min, currency, self.env.company, date
                ),
                coop_fee_max=schedule.currency_id._convert(
                    schedule.fee_max, currency, self.env.company, date
                )
                if schedule.fee_max
                else False,
            )
            return info
        product = (
            product_or_template
            if product_or_template._name == "product.product"
            else self.product_variant_id
        )
        amount, details = self._coop_own_fee(product, currency, date)
        fee = self._apply_taxes_to_price(
            amount,
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

    def _get_sales_prices(self, website):
        """The shop grid gives a logged-in member their own fee, as the product page does."""
        prices = super()._get_sales_prices(website)
        if self.env.user._is_public():
            return prices
        currency = website.currency_id
        date = fields.Date.context_today(self)
        fiscal_position = website.fiscal_position_id.sudo()
        for template in self.filtered(lambda t: t.membership and t.sudo().coop_fee_schedule_id):
            amount, _details = template._coop_own_fee(template.product_variant_id, currency, date)
            product_taxes = template.sudo().taxes_id._filter_taxes_by_company(self.env.company)
            prices[template.id] = {
                "price_reduce": self._apply_taxes_to_price(
                    amount,
                    currency,
                    product_taxes,
                    fiscal_position.map_tax(product_taxes),
                    template,
                    website=website,
                )
            }
        return prices

    def _coop_own_fee(self, product, currency, date):
        """``(fee in currency, details)`` of the logged-in member for the membership
        ``product``, untaxed (see ``res.partner._coop_fee_details``)."""
        self.ensure_one()
        member = self.env.user.partner_id.commercial_partner_id
        details = member._coop_fee_details(product)
        schedule = self.sudo().coop_fee_schedule_id
        amount = schedule.currency_id._convert(details["amount"], currency, self.env.company, date)
        return amount, details
