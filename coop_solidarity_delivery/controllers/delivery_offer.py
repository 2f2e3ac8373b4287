import re

from odoo import http
from odoo.http import request

# The links carry secrets.token_urlsafe() tokens: anything else is not a link of ours.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class DeliveryOfferController(http.Controller):
    """The page a volunteer reaches from the offer e-mail: no login, the link is the key.

    Whatever the link (unknown, expired, lost, from an earlier round), the answer is a page
    that says so, or a 404; only a live offer takes the request.
    """

    def _offer_from_token(self, token):
        if not TOKEN_PATTERN.fullmatch(token or ""):
            raise request.not_found()
        offer = request.env["coop.delivery.offer"].sudo().search([("token", "=", token)], limit=1)
        if not offer:
            raise request.not_found()
        return offer

    @http.route("/coop/delivery/offer/<string:token>", type="http", auth="public", website=True)
    def offer_page(self, token, **kwargs):
        offer = self._offer_from_token(token)
        values = {"offer": offer, "delivery": offer.request_id, "status": offer._page_status()}
        if offer._may_see_address():
            values["beneficiary"] = offer.request_id.beneficiary_id
        return request.render("coop_solidarity_delivery.delivery_offer_page", values)

    @http.route(
        "/coop/delivery/offer/<string:token>/accept",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def offer_accept(self, token, **kwargs):
        offer = self._offer_from_token(token)
        offer._accept()
        return request.redirect(f"/coop/delivery/offer/{token}")
