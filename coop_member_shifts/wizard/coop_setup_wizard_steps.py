from datetime import date

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..tools.display_dates import locale_of
from ..tools.display_numbers import format_number


class CoopSetupWizard(models.TransientModel):
    """The members' steps of the setup assistant: what each applies and its preview."""

    _inherit = "coop.setup.wizard"

    def _coop_apply_identity(self):
        self.ensure_one()
        company = self.company_id.sudo()
        self.currency_id.sudo().active = True
        # An active language may still lack Odoo's own terms (activated without them).
        self.env["res.lang"].sudo()._coop_ensure_odoo_terms(self.lang_id.code)
        values = {
            "name": self.coop_name,
            "street": self.street,
            "zip": self.zip,
            "city": self.city,
            "country_id": self.country_id.id,
        }
        if company.currency_id != self.currency_id:
            values["currency_id"] = self.currency_id.id
        company.write(values)
        company.partner_id.write({"tz": self.tz, "lang": self.lang_id.code})
        self.env.user.sudo().write({"tz": self.tz, "lang": self.lang_id.code})
        self.env["ir.default"].sudo().set(
            "res.partner", "lang", self.lang_id.code, company_id=company.id
        )

    def _coop_apply_work(self):
        self.ensure_one()
        self.company_id.sudo().write(
            {"coop_monthly_hours": self.monthly_hours, "coop_work_grace_months": self.grace_months}
        )

    def _coop_apply_fees(self):
        self.ensure_one()
        if not self.bracket_ids:
            raise ValidationError(self.env._("Add at least one income bracket."))
        product = self.fee_product_id.sudo() or self._coop_create_fee_product()
        brackets = [fields.Command.clear()] + [
            fields.Command.create(
                {"income_from": b.income_from, "income_to": b.income_to, "fee": b.fee}
            )
            for b in self.bracket_ids
        ]
        Schedule = self.env["coop.fee.schedule"].sudo()
        schedule = Schedule.search([("product_tmpl_id", "=", product.id)], limit=1)
        values = {"mode": "brackets", "bracket_ids": brackets}
        if schedule:
            schedule.write(values)
        else:
            Schedule.create({**values, "product_tmpl_id": product.id})
        self.fee_product_id = product

    def _coop_create_fee_product(self):
        year = fields.Date.context_today(self).year
        return (
            self.env["product.template"]
            .sudo()
            .create(
                {
                    "name": self.fee_product_name or self.env._("Yearly membership"),
                    "membership": True,
                    "type": "service",
                    "list_price": max(self.bracket_ids.mapped("fee")),
                    "membership_date_from": date(year, 1, 1),
                    "membership_date_to": date(year, 12, 31),
                }
            )
        )

    def _coop_apply_done(self):
        """The checklist step applies nothing."""

    def _coop_preview_identity(self):
        lines = [self.env._("The company is named %s.", self.coop_name or "")]
        address = " ".join(part for part in (self.street, self.zip, self.city) if part)
        if address:
            lines.append(self.env._("Its address: %(address)s.", address=address))
        lines.append(
            self.env._(
                "Times are shown in %(tz)s, amounts in %(currency)s, texts in %(lang)s.",
                tz=self.tz or "",
                currency=self.currency_id.name or "",
                lang=self._coop_lang_label(),
            )
        )
        return lines

    def _coop_lang_label(self):
        """The language by its own name ("Français", "Nederlands"), not Odoo's
        "French / Français"."""
        if not self.lang_id:
            return ""
        name = locale_of(self.lang_id.code).get_display_name() or self.lang_id.name
        return name[:1].upper() + name[1:]

    def _coop_preview_work(self):
        return [
            self.env._(
                "Each member owes %s hours of volunteer work a month.",
                format_number(self.monthly_hours, self.env.lang),
            ),
            self.env._("A member behind for more than %s months is suspended.", self.grace_months),
        ]

    def _coop_preview_fees(self):
        lines = [
            self.env._(
                "The membership %s gets an income-based fee:",
                self.fee_product_id.name or self.fee_product_name or "",
            )
        ]
        return lines + [bracket._coop_label() for bracket in self.bracket_ids]
