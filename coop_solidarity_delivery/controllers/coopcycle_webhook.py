import logging

from odoo.http import Controller, request, route

from ..tools import coopcycle_client

_logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


class CoopCycleWebhook(Controller):
    @route(
        "/coop/coopcycle/webhook/<int:carrier_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
        sitemap=False,
        readonly=False,
    )
    def coopcycle_webhook(self, carrier_id, **kwargs):
        """A delivery event from CoopCycle, signed with the method's webhook secret. A bad
        signature is refused (403), an unknown delivery too (404); a repeated or older event
        is answered but changes nothing."""
        body = request.httprequest.get_data(cache=True)[: MAX_BODY + 1]
        if not 0 < carrier_id < 2**31:
            return _answer({"status": "refused", "reason": "unknown webhook"}, 404)
        carrier = request.env["delivery.carrier"].sudo().browse(carrier_id).exists()
        if not carrier or carrier.delivery_type != "coopcycle" or len(body) > MAX_BODY:
            return _answer({"status": "refused", "reason": "unknown webhook"}, 404)
        signature = request.httprequest.headers.get(coopcycle_client.SIGNATURE_HEADER, "")
        if not carrier._coopcycle_signature_ok(body, signature):
            _logger.info("CoopCycle webhook with a bad signature for %s", carrier.name)
            return _answer({"status": "refused", "reason": "bad signature"}, 403)
        try:
            ref, event = coopcycle_client.parse_event(body)
        except ValueError:
            return _answer({"status": "refused", "reason": "not a delivery event"}, 400)
        order = (
            request.env["sale.order"]
            .sudo()
            .search(
                [("coop_courier_carrier_id", "=", carrier.id), ("coop_courier_ref", "=", ref)],
                limit=1,
            )
        )
        if not order:
            return _answer({"status": "refused", "reason": "unknown delivery"}, 404)
        return _answer({"status": order._coop_courier_event(carrier, ref, event)}, 200)


def _answer(data, status):
    return request.make_json_response(data, status=status)
