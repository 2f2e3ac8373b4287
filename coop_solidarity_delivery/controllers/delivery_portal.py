from datetime import date, timedelta
from urllib.parse import urlencode

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import clean_text, parse_id
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.coop_delivery_request_follow import MEMBER_CANCEL_STATES, MEMBER_EDIT_STATES

# The longest shopping list or access notes a member may send from the portal.
TEXT_MAX_LENGTH = 5000
# What the change form of a request sends back, kept to show it again after an error.
FORM_KEYS = ("slot_id", "delivery_date", "shopping_list")


class DeliveryPortal(CustomerPortal):
    """Eligible members ask for a solidarity delivery and follow their requests."""

    def _coop_beneficiary(self):
        partner = request.env.user.partner_id.sudo()
        return partner if partner.coop_is_beneficiary else None

    def _coop_my_requests(self, partner):
        return (
            request.env["coop.delivery.request"]
            .sudo()
            .search([("beneficiary_id", "=", partner.id)], order="delivery_date desc, id desc")
        )

    @http.route("/my/deliveries", type="http", auth="user", website=True, readonly=True)
    def portal_my_deliveries(self, **kwargs):
        partner = self._coop_beneficiary()
        if not partner:
            return self._coop_not_eligible()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_deliveries",
            member=partner,
            deliveries=self._coop_my_requests(partner),
            created=kwargs.get("created"),
        )
        return request.render("coop_solidarity_delivery.portal_my_deliveries", values)

    @http.route(
        "/my/deliveries/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        readonly=False,
    )
    def portal_new_delivery(self, **post):
        partner = self._coop_beneficiary()
        if not partner:
            return self._coop_not_eligible()
        error = None
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    new_request = self._coop_create_request(partner, post)
                return request.redirect(f"/my/deliveries?created={new_request.id}")
            except (ValidationError, ValueError) as exc:
                error = (
                    exc.args[0]
                    if isinstance(exc, ValidationError)
                    else _("Choose a valid date or slot.")
                )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_delivery_new",
            error=error,
            form=post,
            min_date=(date.today() + timedelta(days=1)).isoformat(),
            slots=self._coop_delivery_slots(partner),
        )
        return request.render("coop_solidarity_delivery.portal_delivery_new", values)

    # === ONE REQUEST: FOLLOW, CHANGE, CANCEL ===#

    def _coop_my_request(self, request_id):
        """The user's own request (as the superuser), or a 404: someone else's id, a deleted
        one and an id no database holds all answer the same."""
        request_id = parse_id(request_id)
        found = (
            request.env["coop.delivery.request"]
            .sudo()
            .search(
                [("id", "=", request_id), ("beneficiary_id", "=", request.env.user.partner_id.id)]
            )
            if request_id
            else None
        )
        if not found:
            raise request.not_found()
        return found

    def _coop_request_messages(self):
        return {
            "changed": _("Your request is changed."),
            "cancelled": _("Your request is cancelled. The volunteer who had it, if any, is told."),
        }

    def _coop_render_request(self, delivery, error=None, form=None, done=None):
        partner = request.env.user.partner_id.sudo()
        values = self._prepare_portal_layout_values()
        slot_id = str(delivery.slot_id.id) if delivery.slot_id else ""
        values.update(
            page_name="coop_delivery",
            member=partner,
            delivery=delivery,
            volunteer_name=delivery._portal_deliverer_first_name(),
            may_change=delivery.state in MEMBER_EDIT_STATES and not delivery.sale_order_id,
            may_cancel=delivery.state in MEMBER_CANCEL_STATES,
            slots=self._coop_delivery_slots(partner),
            min_date=(date.today() + timedelta(days=1)).isoformat(),
            form=form
            or {
                "slot_id": slot_id,
                "delivery_date": delivery.delivery_date.isoformat(),
                "shopping_list": delivery.shopping_list or "",
            },
            error=error,
            message=self._coop_request_messages().get(done) if isinstance(done, str) else None,
        )
        return request.render("coop_solidarity_delivery.portal_delivery_page", values)

    @http.route(
        "/my/deliveries/<int:request_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_delivery_page(self, request_id, done=None, **kwargs):
        return self._coop_render_request(self._coop_my_request(request_id), done=done)

    @http.route(
        "/my/deliveries/<int:request_id>/change",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_delivery_change(self, request_id, **post):
        delivery = self._coop_my_request(request_id)
        form = {key: str(post.get(key) or "")[:TEXT_MAX_LENGTH] for key in FORM_KEYS}
        try:
            with request.env.cr.savepoint():
                delivery._coop_member_change(self._coop_change_values(post))
        except (UserError, ValidationError, ValueError) as exc:
            error = exc.args[0] if not isinstance(exc, ValueError) else None
            return self._coop_render_request(
                delivery, error=error or _("Choose a valid date or slot."), form=form
            )
        return request.redirect(f"/my/deliveries/{delivery.id}?" + urlencode({"done": "changed"}))

    @http.route(
        "/my/deliveries/<int:request_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_delivery_cancel(self, request_id, **post):
        delivery = self._coop_my_request(request_id)
        try:
            with request.env.cr.savepoint():
                delivery._coop_cancel(by_member=True)
        except UserError as exc:
            return self._coop_render_request(delivery, error=exc.args[0])
        return request.redirect(f"/my/deliveries/{delivery.id}?" + urlencode({"done": "cancelled"}))

    def _coop_change_values(self, post):
        """The new shopping list and day of the change form; ValueError for a bad day."""
        shopping_list = clean_text(post.get("shopping_list"), TEXT_MAX_LENGTH)
        if shopping_list is None:
            raise ValidationError(
                _("Keep the shopping list and the notes under %s characters.", TEXT_MAX_LENGTH)
            )
        if not shopping_list.strip():
            raise ValidationError(_("Please write what you need: your shopping list is empty."))
        values = {"shopping_list": shopping_list}
        if post.get("slot_id"):
            slot_id = parse_id(post["slot_id"])
            slot = request.env["coop.slot"].sudo().browse(slot_id).exists() if slot_id else None
            if not slot:
                raise ValidationError(_("This slot does not exist. Please choose another one."))
            values["slot_id"] = slot.id
        else:
            day = fields.Date.to_date(post.get("delivery_date") or "")
            if not day:
                raise ValueError("no date")
            values.update(slot_id=False, delivery_date=day)
        return values

    def _coop_not_eligible(self):
        """The page telling a member who is not eligible how to ask for deliveries."""
        values = self._prepare_portal_layout_values()
        values.update(page_name="coop_deliveries", company=request.env.company.sudo())
        return request.render("coop_solidarity_delivery.portal_delivery_not_eligible", values)

    def _coop_delivery_slots(self, partner):
        """``[(slot, label, bookable)]``: the delivery slots of the coming two weeks."""
        Slot = request.env["coop.slot"].sudo()
        slots = Slot.search(
            [
                *Slot._coop_delivery_slots_domain(),
                ("start", "<", fields.Datetime.now() + timedelta(days=14)),
            ]
        )
        return [(slot, _slot_choice_label(slot, partner), slot.is_bookable) for slot in slots]

    def _coop_create_request(self, partner, post):
        """The request of the form; the slot rules are the request's, as for the call centre
        (see ``coop.slot._check_booking``)."""
        if not (post.get("shopping_list") or "").strip():
            raise ValidationError(_("Please write what you need: your shopping list is empty."))
        values = {
            "beneficiary_id": partner.id,
            "channel": "website",
            "shopping_list": clean_text(post.get("shopping_list"), TEXT_MAX_LENGTH),
            "access_notes": clean_text(post.get("access_notes"), TEXT_MAX_LENGTH),
        }
        if None in (values["shopping_list"], values["access_notes"]):
            raise ValidationError(
                _("Keep the shopping list and the notes under %s characters.", TEXT_MAX_LENGTH)
            )
        if post.get("slot_id"):
            slot_id = parse_id(post["slot_id"])
            slot = request.env["coop.slot"].sudo().browse(slot_id).exists() if slot_id else None
            if not slot:
                raise ValidationError(_("This slot does not exist. Please choose another one."))
            values["slot_id"] = slot.id
        else:
            values["delivery_date"] = fields.Date.to_date(post.get("delivery_date") or "")
            if not values["delivery_date"]:
                raise ValueError("no date")
        return request.env["coop.delivery.request"].sudo().create(values)


def _slot_choice_label(slot, partner):
    """A delivery slot in the form's list, with its places left."""
    label = slot._label_for(partner)
    if not slot.is_bookable:
        return _("%s, not available", label)
    if slot.seats_left == 1:
        return _("%s, 1 place left", label)
    return _("%(slot)s, %(seats)s places left", slot=label, seats=slot.seats_left)
