"""Courier deliveries exactly once: never two CoopCycle deliveries for one order, whatever
the answers of the service, the rollbacks and the jobs running at once."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import committed_env, kinds, run_at_once

from .coopcycle_stub import CoopCycleStub
from .test_coopcycle import CourierCommon


@tagged("post_install", "-at_install")
class TestCourierExactlyOnce(CourierCommon):
    def come_back_later(self, order):
        """The job's next run, once the order's wait is over."""
        self.assertGreaterEqual(
            order.coop_courier_next_try, fields.Datetime.now() + timedelta(seconds=100)
        )
        order.coop_courier_next_try = fields.Datetime.now() - timedelta(seconds=1)
        self.send_queued()

    def assertOneDeliveryFound(self, order):
        self.assertEqual(self.stub.created(), 1)
        self.assertEqual(order.coop_courier_state, "sent")
        self.assertEqual(order.coop_courier_ref, "/api/deliveries/1")
        self.assertIn("found in CoopCycle", order.message_ids[:1].body)

    def test_a_confirmation_asks_nothing_of_coopcycle_before_it_is_committed(self):
        order = self.courier_order()
        order.action_confirm()
        self.assertEqual(order.coop_courier_state, "queued")
        self.assertFalse(self.stub.requests)
        cron = self.env.ref("coop_solidarity_delivery.ir_cron_coop_courier_send")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))

    def test_a_confirmation_rolled_back_leaves_nothing_at_coopcycle(self):
        order = self.courier_order()
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            order.action_confirm()
            raise RuntimeError("a later step of the request fails")
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.coop_courier_state)
        self.send_queued()
        self.assertFalse(self.stub.requests)
        self.assertEqual(self.stub.created(), 0)

    def test_a_delivery_created_but_answered_after_the_timeout_is_found_not_doubled(self):
        self.stub.mode = "late"
        self.stub.delay = 11  # the test framework raises any timeout to 10 s
        order = self.courier_order()
        self.confirm(order)
        self.assertEqual(order.coop_courier_state, "queued")
        self.assertIn("in time", order.coop_courier_error)
        self.assertEqual(self.stub.created(), 1)
        self.send_queued()  # too early: the service may still be creating it
        self.assertEqual(self.stub.created(), 1)
        self.stub.mode = "ok"
        self.come_back_later(order)
        self.assertOneDeliveryFound(order)

    def test_a_delivery_created_then_answered_by_an_error_is_found_not_doubled(self):
        self.stub.mode = "error_after_create"
        order = self.courier_order()
        self.confirm(order)
        self.assertEqual(order.coop_courier_state, "queued")
        self.assertEqual(self.stub.created(), 1)
        self.stub.mode = "ok"
        self.come_back_later(order)
        self.assertOneDeliveryFound(order)

    def test_the_retry_button_on_an_order_created_meanwhile_finds_it(self):
        self.stub.mode = "error_after_create"
        order = self.courier_order()
        self.confirm(order)
        self.send_until_handed_over(order)
        self.assertEqual(order.coop_courier_state, "to_retry")
        self.stub.mode = "ok"
        order.with_user(self.coordinator_user).action_coop_courier_retry()
        self.send_queued()
        self.assertEqual(order.coop_courier_state, "sent")
        self.assertEqual(order.coop_courier_ref, "/api/deliveries/1")
        self.assertEqual(self.stub.created(), 3)  # the three tries, none by the retry
        self.assertEqual(len({d["metadata"]["coop_order_key"] for d in self.stub.deliveries}), 1)

    def test_two_orders_have_two_keys(self):
        first, second = self.courier_order(), self.courier_order(hours_ahead=52)
        self.confirm(first)
        self.confirm(second)
        self.assertNotEqual(first.coop_courier_key, second.coop_courier_key)
        self.assertEqual(self.stub.created(), 2)


@tagged("post_install", "-at_install")
class TestCourierAtOnce(BaseCase):
    """Five jobs, and five copies of a webhook event, at the same moment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.stub = CoopCycleStub()
        cls.stub.__enter__()
        cls.addClassCleanup(cls.stub.__exit__)
        cls.addClassCleanup(cls._clean_up)
        with committed_env(cls.registry) as env:
            product = env["product.product"].create(
                {"name": "Race courier", "type": "service", "list_price": 5.0}
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Race bike courier",
                    "delivery_type": "coopcycle",
                    "product_id": product.id,
                    "coopcycle_url": cls.stub.url,
                    "coopcycle_client_id": "coop-client",
                    "coopcycle_client_secret": "coop-secret",
                    "coopcycle_webhook_secret": "hook-secret",
                }
            )
            partner = env["res.partner"].create(
                {"name": "Race courier member", "street": "Rue du Midi 1", "city": "Orléans"}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "carrier_id": carrier.id,
                    "coop_courier_consent": True,
                    "commitment_date": fields.Datetime.now() + timedelta(days=2),
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            cls.ids = {"product": product.id, "carrier": carrier.id, "partner": partner.id}
            cls.ids["order"] = order.id

    @classmethod
    def _clean_up(cls):
        with committed_env(cls.registry) as env:
            order = env["sale.order"].browse(cls.ids["order"])
            env["coop.courier.event"].search([("order_id", "=", order.id)]).unlink()
            order._action_cancel()
            order.unlink()
            env["delivery.carrier"].browse(cls.ids["carrier"]).unlink()
            env["product.product"].browse(cls.ids["product"]).unlink()
            env["res.partner"].browse(cls.ids["partner"]).unlink()

    def set_order(self, **values):
        with committed_env(self.registry) as env:
            order = env["sale.order"].browse(self.ids["order"])
            order.write(values)
            return order.coop_courier_key

    def test_five_jobs_at_once_create_one_delivery(self):
        self.set_order(state="sale")
        with committed_env(self.registry) as env:
            env["sale.order"].browse(self.ids["order"])._coop_courier_queue(
                env["delivery.carrier"].browse(self.ids["carrier"])
            )
        self.stub.deliveries.clear()

        def work(env, _index):
            env["sale.order"]._cron_coop_courier_send()

        outcomes = run_at_once(self.registry, work)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(self.stub.created(), 1)
        with committed_env(self.registry) as env:
            order = env["sale.order"].browse(self.ids["order"])
            self.assertEqual(order.coop_courier_state, "sent")
            self.assertEqual(order.coop_courier_ref, self.stub.deliveries[0]["@id"])

    def test_five_copies_of_an_event_at_once_are_applied_once(self):
        self.set_order(
            state="sale",
            coop_courier_state="sent",
            coop_courier_ref="/api/deliveries/4242",
            coop_courier_carrier_id=self.ids["carrier"],
        )

        def work(env, _index):
            carrier = env["delivery.carrier"].browse(self.ids["carrier"])
            order = env["sale.order"].browse(self.ids["order"])
            return order._coop_courier_event(carrier, "/api/deliveries/4242", "delivery.completed")

        outcomes = run_at_once(self.registry, work)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(sorted(o.value for o in outcomes), ["done"] + ["replay"] * 4)
        with committed_env(self.registry) as env:
            order = env["sale.order"].browse(self.ids["order"])
            self.assertEqual(order.coop_courier_state, "delivered")
            events = env["coop.courier.event"].search([("order_id", "=", order.id)])
            self.assertEqual(len(events), 1)
            delivered = order.message_ids.filtered(lambda m: "courier delivered" in (m.body or ""))
            self.assertEqual(len(delivered), 1)
