import base64
import math
from urllib.parse import urlencode

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MemberFeePortal(CustomerPortal):
    """Members see their fee and their own income declarations, and declare a new income."""

    def _coop_income_values(self, member, **extra):
        declarations = (
            request.env["coop.income.declaration"]
            .sudo()
            .search([("partner_id", "=", member.id)], limit=20)
        )
        product = member._coop_fee_product()
        schedule = product.product_tmpl_id.sudo().coop_fee_schedule_id
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_income",
            member=member,
            fee=member._coop_fee_details(product) if product else None,
            schedule=schedule,
            product=product,
            declarations=declarations,
            form={},
            message=None,
            error=None,
        )
        values.update(extra)
        return values

    @http.route("/my/income", type="http", auth="user", website=True, readonly=True)
    def portal_my_income(self, message=None, income=None, household_shares=None, **kwargs):
        """The page; with ``income`` (the form's *Preview* button), the fee it would give,
        nothing stored."""
        member = request.env.user.partner_id.commercial_partner_id
        values = self._coop_income_values(member, message=message)
        if income is not None:
            values.update(self._coop_fee_preview(values, income, household_shares))
        return request.render("coop_member_shifts.portal_my_income", values)

    def _coop_fee_preview(self, values, income, household_shares):
        form = {"income": income, "household_shares": household_shares}
        schedule = values["schedule"]
        if not schedule:
            return {"form": form}
        try:
            amount = self._coop_parse_number(income)
            shares = self._coop_parse_number(household_shares or "1")
        except ValueError:
            return {
                "form": form,
                "error": _("Type your income and your household shares as numbers."),
            }
        if amount < 0 or shares <= 0:
            return {
                "form": form,
                "error": _("Type an income of zero or more, and more than zero shares."),
            }
        try:
            fee, bracket = schedule._coop_fee(amount, shares)
        except UserError as error:
            return {"form": form, "error": error.args[0]}
        return {"form": form, "preview": {"amount": fee, "bracket": bracket}}

    @http.route(
        "/my/income/declare",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_declare_income(self, income="", household_shares="", proof=None, **kwargs):
        member = request.env.user.partner_id.commercial_partner_id
        form = {"income": income, "household_shares": household_shares}
        try:
            vals = {
                "partner_id": member.id,
                "income": self._coop_parse_number(income),
                "household_shares": self._coop_parse_number(household_shares or "1"),
                "state": "draft",
            }
        except ValueError:
            error = _("Type your income and your household shares as numbers.")
            values = self._coop_income_values(member, form=form, error=error)
            return request.render("coop_member_shifts.portal_my_income", values)
        if proof and getattr(proof, "filename", None):
            vals.update(proof=base64.b64encode(proof.read()), proof_filename=proof.filename)
        try:
            with request.env.cr.savepoint():
                declaration = request.env["coop.income.declaration"].sudo().create(vals)
        except ValidationError as exc:
            values = self._coop_income_values(member, form=form, error=exc.args[0])
            return request.render("coop_member_shifts.portal_my_income", values)
        declaration._coop_ask_validation()
        message = _("Thank you: a fee officer will check your declaration.")
        if declaration.to_check:
            message = _(
                "Thank you. This income is unusually high: a fee officer will check it with you "
                "before it counts for your fee."
            )
        return request.redirect("/my/income?" + urlencode({"message": message}))

    @staticmethod
    def _coop_parse_number(text):
        """A finite number typed by a member (comma or point); ValueError otherwise."""
        number = float(str(text).strip().replace(",", "."))
        if not math.isfinite(number):
            raise ValueError(text)
        return number
