from datetime import date, timedelta

from odoo import _, fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import clean_text, parse_id
from odoo.addons.portal.controllers.portal import CustomerPortal

# The longest shopping list or access notes a member may send from the portal.
TEXT_MAX_LENGTH = 5000


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

    @http.route("/my/deliveries", type="http", auth="user", website=True)
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
        "/my/deliveries/new", type="http", auth="user", website=True, methods=["GET", "POST"]
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
