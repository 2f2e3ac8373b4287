"""CoopCycle's webhook: signed events move the courier status; nothing else does."""

import json

from odoo.tests import HttpCase, tagged

from odoo.addons.coop_solidarity_delivery.tools.coopcycle_client import sign

from .test_coopcycle import CourierCommon


@tagged("post_install", "-at_install")
class TestCoopCycleWebhook(HttpCase, CourierCommon):
    def setUp(self):
        super().setUp()
        self.order = self.courier_order()
        self.confirm(self.order)

    def send(self, event, ref=None, secret="hook-secret", carrier=None, signature=None):
        body = {"data": {"object": ref or self.order.coop_courier_ref, "event": event}}
        raw = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "X-CoopCycle-Signature": signature if signature is not None else sign(raw, secret),
        }
        carrier_id = (carrier or self.courier).id
        return self.url_open(
            f"/coop/coopcycle/webhook/{carrier_id}", data=raw, headers=headers, timeout=60
        )

    def test_a_signed_pickup_event_moves_the_order_and_posts_on_its_chatter(self):
        response = self.send("delivery.picked")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "done")
        self.assertEqual(self.order.coop_courier_state, "picked")
        self.assertTrue(any("picked up" in body for body in self.order.message_ids.mapped("body")))

    def test_a_completed_event_marks_the_order_delivered(self):
        self.send("delivery.picked")
        self.send("delivery.completed")
        self.assertEqual(self.order.coop_courier_state, "delivered")

    def test_a_bad_signature_is_refused_and_changes_nothing(self):
        response = self.send("delivery.completed", secret="not-the-secret")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.order.coop_courier_state, "sent")

    def test_an_unsigned_event_is_refused(self):
        response = self.send("delivery.completed", signature="")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.order.coop_courier_state, "sent")

    def test_a_replayed_event_changes_nothing(self):
        self.send("delivery.failed")
        self.order.coop_courier_state = "sent"  # the coop arranged it again meanwhile
        response = self.send("delivery.failed")
        self.assertEqual(response.json()["status"], "replay")
        self.assertEqual(self.order.coop_courier_state, "sent")

    def test_an_older_event_arriving_late_changes_nothing(self):
        self.send("delivery.completed")
        response = self.send("delivery.picked")
        self.assertEqual(response.json()["status"], "ignored")
        self.assertEqual(self.order.coop_courier_state, "delivered")

    def test_an_unknown_delivery_is_a_404_and_changes_nothing(self):
        response = self.send("delivery.completed", ref="/api/deliveries/999999")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.order.coop_courier_state, "sent")
        self.assertFalse(self.env["coop.courier.event"].search([]))

    def test_an_event_for_another_method_is_a_404(self):
        other = self.courier.copy({"coopcycle_webhook_secret": "other-secret"})
        response = self.send("delivery.completed", secret="other-secret", carrier=other)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.order.coop_courier_state, "sent")

    def test_a_failed_delivery_gives_the_drive_staff_an_activity(self):
        self.send("delivery.failed")
        self.assertEqual(self.order.coop_courier_state, "failed")
        activity = self.order.activity_ids.filtered(
            lambda a: a.summary == "Courier delivery failed"
        )
        self.assertEqual(
            activity.user_id, self.env["res.partner"]._coop_delivery_coordinator_user()
        )

    def test_a_handed_over_request_follows_its_courier_delivery(self):
        request = self.env["coop.delivery.request"].create(
            {
                "beneficiary_id": self.partner.id,
                "sale_order_id": self.order.id,
                "delivery_date": self.order.coop_slot_id.start.date(),
                "coop_courier": True,
                "state": "assigned",
            }
        )
        self.send("delivery.completed")
        self.assertEqual(request.state, "delivered")


@tagged("post_install", "-at_install")
class TestCoopCyclePortal(HttpCase, CourierCommon):
    def test_the_members_portal_order_page_shows_the_tracking_link(self):
        order = self.courier_order()
        self.confirm(order)
        order._portal_ensure_token()
        response = self.url_open(
            f"/my/orders/{order.id}?access_token={order.access_token}", timeout=120
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'href="{order.coop_courier_tracking_url}"', response.text)
        self.assertIn("coop_courier_portal", response.text)

    def test_an_order_to_retry_shows_no_link_and_no_reason_on_the_portal(self):
        self.stub.mode = "unservable"
        order = self.courier_order()
        self.confirm(order)
        order._portal_ensure_token()
        response = self.url_open(
            f"/my/orders/{order.id}?access_token={order.access_token}", timeout=120
        )
        self.assertIn("coop_courier_portal", response.text)
        self.assertNotIn("delivery zone", response.text)
