from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import (
    parse_id,
    parse_number,
    parse_token,
)
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.coop_standing_order_line import MAX_QUANTITY

MODEL = "coop.standing.order"
# How many products the "add a product" list offers.
PRODUCT_CHOICES = 200


class StandingOrderPortal(CustomerPortal):
    """Members see their standing orders and change them through the model's checked
    methods; a link from an e-mail carries the standing order's access token."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_standing_count" in counters:
            values["coop_standing_count"] = request.env[MODEL].search_count(
                [("partner_id", "child_of", request.env.user.commercial_partner_id.id)]
            )
        return values

    @http.route("/my/standing-orders", type="http", auth="user", website=True, readonly=True)
    def portal_my_standing_orders(self, **kwargs):
        values = self._prepare_portal_layout_values()
        standings = request.env[MODEL].search(
            [("partner_id", "child_of", request.env.user.commercial_partner_id.id)]
        )
        values.update(page_name="coop_standing_orders", standings=standings)
        return request.render("coop_solidarity_delivery.portal_my_standing_orders", values)

    @http.route(
        "/my/standing-orders/<int:standing_id>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def portal_standing_order(self, standing_id, access_token=None, **kwargs):
        standing = self._coop_standing(standing_id, access_token)
        if standing is None:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_standing_order",
            standing=standing,
            member=standing.partner_id,
            access_token=parse_token(access_token) or "",
            week_order=standing._coop_week_order(),
            products=self._coop_product_choices(standing),
            today=fields.Date.context_today(standing),
            error=request.session.pop("coop_standing_error", None),
            message=request.session.pop("coop_standing_message", None),
        )
        return request.render("coop_solidarity_delivery.portal_standing_order", values)

    @http.route(
        "/my/standing-orders/<int:standing_id>/<string:action>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_standing_order_action(self, standing_id, action, access_token=None, **post):
        """One change of the member (quantities, skip, pause, resume, stop): a refusal is
        shown on the page, never an error page."""
        standing = self._coop_standing(standing_id, access_token)
        handlers = {
            "quantities": self._coop_change_quantities,
            "skip": self._coop_skip,
            "pause": self._coop_pause,
            "resume": lambda standing, post: self._coop_resume(standing),
            "stop": lambda standing, post: self._coop_stop(standing),
        }
        if standing is None or action not in handlers:
            return request.redirect("/my")
        env = request.env
        try:
            with env.cr.savepoint():
                request.session["coop_standing_message"] = handlers[action](standing, post)
        except (UserError, ValidationError) as error:
            request.session["coop_standing_error"] = error.args[0]
        url = f"/my/standing-orders/{standing.id}"
        if token := parse_token(access_token):
            url += f"?access_token={token}"
        return request.redirect(url)

    @http.route(
        "/my/orders/<int:order_id>/coop_standing",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_order_make_standing(self, order_id, access_token=None, **kwargs):
        """Repeat a confirmed drive order every week (the "Repeat every week" button)."""
        if not parse_id(order_id):
            return request.redirect("/my")
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, parse_token(access_token)
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                standing = order_sudo._coop_make_standing_order()
        except UserError as error:
            request.session["coop_slot_error"] = error.args[0]
            return request.redirect(order_sudo.get_portal_url())
        request.session["coop_standing_message"] = request.env._(
            "Your order is repeated every week. Check the products and the day below."
        )
        return request.redirect(standing.get_portal_url())

    # === HELPERS ===#

    def _coop_standing(self, standing_id, access_token):
        """The standing order as the superuser once the member's access (their own, or the
        link's token) is checked; None otherwise."""
        if not parse_id(standing_id):
            return None
        try:
            return self._document_check_access(MODEL, standing_id, parse_token(access_token))
        except (AccessError, MissingError):
            return None

    def _coop_product_choices(self, standing):
        if standing.state == "stopped":
            return request.env["product.product"]
        return (
            request.env["product.product"]
            .sudo()
            .search(
                [
                    ("sale_ok", "=", True),
                    ("is_published", "=", True),
                    ("company_id", "in", (False, standing.company_id.id)),
                    ("id", "not in", standing.line_ids.product_id.ids),
                ],
                limit=PRODUCT_CHOICES,
                order="name",
            )
        )

    def _coop_quantity(self, value):
        quantity = parse_number(value, 0, MAX_QUANTITY)
        if quantity is None:
            raise UserError(
                request.env._("Please enter a quantity between 0 and %s.", MAX_QUANTITY)
            )
        return quantity

    def _coop_change_quantities(self, standing, post):
        env = request.env
        quantities = {}
        for key, value in post.items():
            if not key.startswith("qty_"):
                continue
            line_id = parse_id(key[4:])
            line = line_id and env["coop.standing.order.line"].sudo().browse(line_id).exists()
            if not line or line.standing_order_id != standing:
                raise UserError(env._("This product is not in your standing order."))
            quantities[line] = self._coop_quantity(value)
        if quantities:
            standing._coop_set_quantities(quantities)
        if post.get("add_product_id"):
            product_id = parse_id(post["add_product_id"])
            product = env["product.product"].sudo().browse(product_id or [])
            quantity = self._coop_quantity(post.get("add_quantity") or "1")
            if not quantity:
                raise UserError(env._("Please enter a quantity between 0 and %s.", MAX_QUANTITY))
            standing._coop_add_product(product, quantity)
        return env._("Your standing order is changed: it applies from the next order made.")

    def _coop_skip(self, standing, post):
        day = standing._coop_skip_next()
        return request.env._("The delivery of %s is skipped.", standing.partner_id._coop_day(day))

    def _coop_pause(self, standing, post):
        env = request.env
        until = None
        if post.get("until"):
            try:
                until = fields.Date.to_date(post["until"])
            except ValueError:
                until = None
            if not until:
                raise UserError(env._("Choose a date within the coming year to start again."))
        standing._coop_pause(until)
        if until:
            return env._(
                "Your standing order is paused until %s.", standing.partner_id._coop_day(until)
            )
        return env._("Your standing order is paused until you start it again.")

    def _coop_resume(self, standing):
        standing._coop_check_running()
        standing.action_resume()
        return request.env._("Your standing order starts again.")

    def _coop_stop(self, standing):
        standing._coop_check_running()
        standing.action_stop()
        return request.env._("Your standing order is stopped: no more orders are made.")
