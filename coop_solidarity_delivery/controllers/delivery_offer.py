from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import parse_token

from ..models.coop_delivery_request_give_back import NOTE_MAX_LENGTH


class DeliveryOfferController(http.Controller):
    """The page a volunteer reaches from the offer e-mail: no login, the link is the key.

    Whatever the link (unknown, expired, lost, from an earlier round), the answer is a page
    that says so, or a 404; only a live offer takes the request.
    """

    def _offer_from_token(self, token):
        if not parse_token(token):
            # Not a 404: the website would look the forged path up among its pages and files.
            raise BadRequest()
        offer = request.env["coop.delivery.offer"].sudo().search([("token", "=", token)], limit=1)
        if not offer:
            raise request.not_found()
        return offer

    @http.route(
        "/coop/delivery/offer/<string:token>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def offer_page(self, token, **kwargs):
        return self._render_offer(self._offer_from_token(token))

    def _render_offer(self, offer, error=None, give_back=None):
        values = {
            "offer": offer,
            "delivery": offer.request_id,
            "status": offer._page_status(),
            "error": error,
            "give_back_reasons": give_back_reasons(),
            "give_back": give_back or {},
        }
        if offer._may_see_address():
            values["beneficiary"] = offer.request_id.beneficiary_id
        return request.render("coop_solidarity_delivery.delivery_offer_page", values)

    @http.route(
        "/coop/delivery/offer/<string:token>/accept",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def offer_accept(self, token, **kwargs):
        offer = self._offer_from_token(token)
        try:
            with request.env.cr.savepoint():
                offer._accept()
        except UserError as error:
            # The volunteer's week is full: the offer stays open, the page says why.
            return self._render_offer(offer, error=error.args[0])
        return request.redirect(f"/coop/delivery/offer/{token}")

    @http.route(
        "/coop/delivery/offer/<string:token>/give-back",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def offer_give_back(self, token, reason=None, note=None, **kwargs):
        """The volunteer who holds the delivery gives it back, with a reason."""
        offer = self._offer_from_token(token)
        try:
            with request.env.cr.savepoint():
                offer._give_back(reason, note)
        except UserError as error:
            typed = {"reason": str(reason or "")[:32], "note": str(note or "")[:NOTE_MAX_LENGTH]}
            return self._render_offer(offer, error=error.args[0], give_back=typed)
        return request.redirect(f"/coop/delivery/offer/{token}")


def give_back_reasons():
    """``[(key, label)]`` of the give-back form, in the page's language."""
    field = request.env["coop.delivery.give.back"]._fields["reason"]
    return field._description_selection(request.env)
