from odoo import fields
from odoo.http import request, route
from odoo.tools.misc import get_lang

from odoo.addons.coop_member_shifts.tools import display_dates
from odoo.addons.coop_member_shifts.tools.form_values import parse_id
from odoo.addons.website_sale.controllers.main import WebsiteSale

from ..tools import slot_rules


class WebsiteSaleDrive(WebsiteSale):
    @route(readonly=False)
    def shop(self, *args, **kwargs):
        """A category with nothing the visitor can buy in it, or below it, is not offered
        (Odoo's demo catalogue, a category emptied for the season); website editors still
        see every category, to fill them."""
        response = super().shop(*args, **kwargs)
        qcontext = getattr(response, "qcontext", None) or {}
        editor = request.env.user.has_group("website.group_website_restricted_editor")
        if "categories" in qcontext and not editor:
            qcontext["categories"] = _offered_categories(qcontext["categories"])
        return response

    def _get_shop_payment_values(self, order, **kwargs):
        """Add the pickup slot picker to the payment page: its heading and messages. The slots
        themselves are fetched by the page from ``/shop/coop_slot/days`` (read-only, a replica
        may serve it), so that the payment page costs what it costs without slots."""
        values = super()._get_shop_payment_values(order, **kwargs)
        if order and order._coop_needs_slot():
            values["coop_slot_picker"] = True
            values["coop_slot_is_delivery"] = order.carrier_id._coop_is_home_delivery()
            values["coop_slot_missing"] = missing = order._coop_slot_missing_message()
            if missing in values["errors"] and order.amount_total:
                # Not an error before the member acts: the picker asks at payment (see JS),
                # and the payment route refuses a cart without a slot.
                values["errors"].remove(missing)
        if alert := _work_alert(order):
            values["coop_work_alert"] = alert
        return values

    def _coop_slot_days_values(self, order):
        """The values of the picker's slots for ``order``: ``coop_slot_days`` is ``None`` when
        the cart takes no slot."""
        if not (order and order.state == "draft" and order._coop_needs_slot()):
            return {"coop_slot_days": None}
        return {"coop_slot_days": _slot_days(order, _picker_slots(order))}

    def _get_shop_payment_errors(self, order):
        """Block the payment (and the confirmation of a free cart) while the member is not
        eligible for the solidarity delivery chosen, or no bookable slot is chosen."""
        errors = super()._get_shop_payment_errors(order)
        env = request.env
        if order and order.state != "sale" and (refusal := order._coop_solidarity_refusal()):
            errors.append((env._("Please choose another delivery method."), refusal))
        elif order and order.state != "sale" and order._coop_needs_slot():
            if not order.coop_slot_id:
                errors.append(order._coop_slot_missing_message())
            elif error := order._coop_slot_error(order.coop_slot_id):
                errors.append((env._("Please choose another slot."), error))
        alert = _work_alert(order)
        if alert and alert[0]:
            errors.append(alert[1:])
        return errors

    @route(
        "/shop/coop_slot/set",
        type="json",
        auth="public",
        website=True,
        sitemap=False,
        readonly=False,
    )
    def shop_coop_slot_set(self, slot_id=None, **kwargs):
        """Book a pickup slot for the current cart; errors are returned, never raised, so that
        the cart stays as it is."""
        order_sudo = request.website.sale_get_order()
        env = request.env
        if not order_sudo or order_sudo.state != "draft":
            return {"error": env._("Your cart is empty or already confirmed.")}
        if not (slot_id := parse_id(slot_id)):
            return {"error": env._("This pickup slot does not exist. Please choose another one.")}
        slot = env["coop.slot"].sudo().browse(slot_id)
        if error := order_sudo._coop_slot_error(slot):
            return {"error": error}
        order_sudo._coop_set_slot(slot)
        return {"slot": slot.display_name}

    @route(
        "/shop/coop_slot/days",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET"],
        readonly=True,
    )
    def shop_coop_slot_days(self, **kwargs):
        """The slots of the current cart's store, grouped by day, as the picker shows them
        (an HTML fragment; never cached: the seats change with each order)."""
        values = self._coop_slot_days_values(request.website.sale_get_order())
        response = request.render("coop_solidarity_delivery.coop_slot_days", values)
        response.headers["Cache-Control"] = "no-store"
        return response


def _offered_categories(categories):
    """``categories`` that hold a product the website sells, in them or in a child (one
    query, whatever the size of the catalogue)."""
    selling = request.env["product.public.category"].search(
        [("product_tmpl_ids", "any", request.website.sale_product_domain())]
    )
    offered = selling.parents_and_self
    return categories.filtered(lambda category: category in offered)


def _work_alert(order):
    """The member's volunteer-work alert for the checkout (see res.partner)."""
    if not order or order.partner_id == request.website.user_id.sudo().partner_id:
        return None
    return order.partner_id._coop_checkout_alert()


def _picker_slots(order):
    """The store's bookable slots (their seats left are counted together, in one grouped
    query, when the picker reads the first)."""
    return request.env["coop.slot"].sudo()._get_bookable_slots(order.carrier_id, order.warehouse_id)


def _slot_days(order, slots):
    """``[{label, slots: [{id, label, seats_left, bookable, reason}]}]`` for the picker."""
    env = request.env
    lang = get_lang(env).code
    today = fields.Date.today()
    reasons = {
        slot_rules.FULL: env._("Full"),
        slot_rules.CUTOFF: env._("Closed for orders"),
        slot_rules.PAST: env._("Closed for orders"),
        slot_rules.CLOSED: env._("Closed"),
    }
    days = []
    tz_of = {slot: slot.rule_id.tz or "UTC" for slot in slots}
    for day, day_slots in slot_rules.group_by_local_day(
        slots, "UTC", key=lambda slot: _local(slot, tz_of[slot])
    ):
        entries = []
        for slot in day_slots:
            problem = slot._booking_problem()
            start = slot_rules.utc_to_local(slot.start, tz_of[slot])
            end = slot_rules.utc_to_local(slot.end, tz_of[slot])
            entries.append(
                {
                    "id": slot.id,
                    "label": display_dates.format_clock(start, lang)
                    + display_dates.RANGE_DASH
                    + display_dates.format_clock(end, lang),
                    "seats_left": slot.seats_left,
                    "bookable": problem is None,
                    "reason": reasons.get(problem, ""),
                    "selected": slot == order.coop_slot_id,
                }
            )
        label = display_dates.format_day(day, lang, today)
        days.append({"label": label[:1].upper() + label[1:], "slots": entries})
    return days


def _local(slot, tz):
    """Local start of the slot, for grouping by the store's calendar day."""
    return slot_rules.utc_to_local(slot.start, tz)
