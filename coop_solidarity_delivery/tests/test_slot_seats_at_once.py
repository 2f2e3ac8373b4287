"""A slot's seats, taken by five members at the same moment: by confirming their orders, by
choosing the slot of a cart whose payment has started, by changing the slot on the portal,
and by the standing orders' job."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import committed_env, kinds, run_at_once


class SeatsAtOnceCase(BaseCase):
    """A drive method of its own, committed (other cursors must see it); each test makes
    its slots and orders, deleted after it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._clean_up_class)
        with committed_env(cls.registry) as env:
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            service = env["product.product"].create(
                {"name": "Seats at once pickup", "type": "service", "list_price": 0}
            )
            goods = env["product.product"].create(
                {"name": "Seats at once basket", "type": "service", "list_price": 4.0}
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Seats at once drive",
                    "delivery_type": "in_store",
                    "product_id": service.id,
                    "warehouse_ids": [Command.set(warehouse.ids)],
                }
            )
            members = env["res.partner"].create(
                [{"name": f"Seats member {index}"} for index in range(6)]
            )
            cls.ids = {
                "warehouse": warehouse.id,
                "service": service.id,
                "goods": goods.id,
                "carrier": carrier.id,
                "members": members.ids,
            }

    @classmethod
    def _clean_up_class(cls):
        with committed_env(cls.registry) as env:
            env["delivery.carrier"].browse(cls.ids["carrier"]).unlink()
            env["product.product"].browse([cls.ids["service"], cls.ids["goods"]]).unlink()
            env["res.partner"].browse(cls.ids["members"]).unlink()

    def setUp(self):
        super().setUp()
        self.made = {"sale.order": [], "coop.slot": [], "payment.transaction": []}
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        with committed_env(self.registry) as env:
            env["payment.transaction"].browse(self.made["payment.transaction"]).unlink()
            orders = env["sale.order"].browse(self.made["sale.order"]).exists()
            orders._action_cancel()
            orders.unlink()
            env["coop.slot"].browse(self.made["coop.slot"]).exists().unlink()

    def make_slot(self, env, capacity, hours_ahead=48):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        slot = env["coop.slot"].create(
            {
                "carrier_id": self.ids["carrier"],
                "warehouse_id": self.ids["warehouse"],
                "start": start,
                "end": start + timedelta(hours=2),
                "cutoff": start - timedelta(hours=12),
                "capacity": capacity,
            }
        )
        self.made["coop.slot"].append(slot.id)
        return slot

    def make_order(self, env, member_index, slot):
        order = env["sale.order"].create(
            {
                "partner_id": self.ids["members"][member_index],
                "carrier_id": self.ids["carrier"],
                "warehouse_id": self.ids["warehouse"],
                "order_line": [Command.create({"product_id": self.ids["goods"]})],
            }
        )
        self.made["sale.order"].append(order.id)
        order._coop_set_slot(slot)  # the checkout's path
        return order

    def start_payment(self, env, order):
        """A payment started (pending) on the cart: it holds its seat."""
        provider = env.ref("payment.payment_provider_transfer")
        transaction = env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "sale_order_ids": [Command.set(order.ids)],
                "state": "pending",
            }
        )
        self.made["payment.transaction"].append(transaction.id)
        return transaction

    def read_orders(self, env, order_ids):
        return env["sale.order"].browse(order_ids).exists()


@tagged("post_install", "-at_install")
class TestSlotSeatsAtOnce(SeatsAtOnceCase):
    def test_five_confirmations_at_once_on_two_seats(self):
        with committed_env(self.registry) as env:
            slot = self.make_slot(env, capacity=2)
            order_ids = [self.make_order(env, index, slot).id for index in range(5)]
            slot_id = slot.id

        def confirm(env, index):
            env["sale.order"].browse(order_ids[index]).action_confirm()

        outcomes = run_at_once(self.registry, confirm)
        self.assertEqual(kinds(outcomes), ["ok"] * 2 + ["refused"] * 3, outcomes)
        refused = [o.message for o in outcomes if o.kind == "refused"]
        self.assertTrue(all("This slot is full" in message for message in refused), refused)
        with committed_env(self.registry) as env:
            orders = self.read_orders(env, order_ids)
            self.assertEqual(len(orders), 5, "no cart is lost")
            self.assertEqual(sorted(orders.mapped("state")), ["draft"] * 3 + ["sale"] * 2)
            self.assertEqual(set(orders.coop_slot_id.ids), {slot_id}, "the carts keep the slot")
            self.assertEqual(env["coop.slot"].browse(slot_id).booked_count, 2)

    def test_five_carts_paying_choose_a_slot_of_two_seats_at_once(self):
        """A cart whose payment has started holds a seat: choosing another slot takes a seat
        of that one, under its lock."""
        with committed_env(self.registry) as env:
            roomy = self.make_slot(env, capacity=5)
            slot = self.make_slot(env, capacity=2, hours_ahead=72)
            orders = [self.make_order(env, index, roomy) for index in range(5)]
            for order in orders:
                self.start_payment(env, order)
            order_ids, slot_id, roomy_id = [o.id for o in orders], slot.id, roomy.id

        def choose(env, index):
            order = env["sale.order"].browse(order_ids[index])
            order._coop_set_slot(env["coop.slot"].browse(slot_id))

        outcomes = run_at_once(self.registry, choose)
        self.assertEqual(kinds(outcomes), ["ok"] * 2 + ["refused"] * 3, outcomes)
        refused = [o.message for o in outcomes if o.kind == "refused"]
        self.assertTrue(all("This slot is full" in message for message in refused), refused)
        with committed_env(self.registry) as env:
            orders = self.read_orders(env, order_ids)
            self.assertEqual(len(orders), 5)
            self.assertEqual(set(orders.mapped("state")), {"draft"})
            moved = orders.filtered(lambda order: order.coop_slot_id.id == slot_id)
            self.assertEqual(len(moved), 2)
            self.assertEqual(set((orders - moved).coop_slot_id.ids), {roomy_id})
            self.assertEqual(env["coop.slot"].browse(slot_id).booked_count, 2)
            self.assertEqual(env["coop.slot"].browse(roomy_id).booked_count, 3)

    def test_five_changes_of_slot_from_the_portal_onto_one_free_seat(self):
        with committed_env(self.registry) as env:
            roomy = self.make_slot(env, capacity=5)
            slot = self.make_slot(env, capacity=2, hours_ahead=72)
            orders = [self.make_order(env, index, roomy) for index in range(5)]
            for order in orders:
                order.action_confirm()
            self.make_order(env, 5, slot).action_confirm()  # one seat of two taken
            order_ids, slot_id, roomy_id = [o.id for o in orders], slot.id, roomy.id

        def change(env, index):
            order = env["sale.order"].sudo().browse(order_ids[index])
            order._coop_change_slot_from_portal(env["coop.slot"].sudo().browse(slot_id))

        outcomes = run_at_once(self.registry, change)
        self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
        refused = [o.message for o in outcomes if o.kind == "refused"]
        self.assertTrue(all("This slot is full" in message for message in refused), refused)
        with committed_env(self.registry) as env:
            orders = self.read_orders(env, order_ids)
            self.assertEqual(len(orders), 5)
            self.assertEqual(set(orders.mapped("state")), {"sale"})
            moved = orders.filtered(lambda order: order.coop_slot_id.id == slot_id)
            self.assertEqual(len(moved), 1)
            self.assertEqual(set((orders - moved).coop_slot_id.ids), {roomy_id})
            self.assertEqual(env["coop.slot"].browse(slot_id).booked_count, 2)
            self.assertEqual(env["coop.slot"].browse(roomy_id).booked_count, 4)


@tagged("post_install", "-at_install")
class TestStandingOrderSeatsAtOnce(BaseCase):
    """Five members' standing orders, paid online, on one weekly slot of two seats: the
    weekly job runs them at the same moment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._clean_up)
        with committed_env(cls.registry) as env:
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            service = env["product.product"].create(
                {"name": "Standing seats pickup", "type": "service", "list_price": 0}
            )
            goods = env["product.product"].create(
                {
                    "name": "Standing seats basket",
                    "type": "service",
                    "list_price": 5.0,
                    "is_published": True,
                }
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Standing seats drive",
                    "delivery_type": "in_store",
                    "product_id": service.id,
                    "warehouse_ids": [Command.set(warehouse.ids)],
                }
            )
            day = fields.Date.today() + timedelta(days=2)
            rules = env["coop.slot.rule"]
            for start_hour in (14.0, 11.0):  # the weekly slot, and another one of the day
                rules |= env["coop.slot.rule"].create(
                    {
                        "carrier_id": carrier.id,
                        "warehouse_id": warehouse.id,
                        "weekday": str(day.weekday()),
                        "start_hour": start_hour,
                        "end_hour": start_hour + 1,
                        "cutoff_hours": 12.0,
                        "horizon_days": 8,
                        "tz": "UTC",
                        "capacity": 2,
                    }
                )
            rules._generate_slots()
            members = env["res.partner"].create(
                [{"name": f"Standing seats member {index}"} for index in range(5)]
            )
            standings = env["coop.standing.order"].create(
                [
                    {
                        "partner_id": member.id,
                        "rule_id": rules[0].id,
                        "payment_mode": "online",
                        "line_ids": [Command.create({"product_id": goods.id, "quantity": 1})],
                    }
                    for member in members
                ]
            )
            day_end = fields.Datetime.to_datetime(day) + timedelta(days=1)
            slots = env["coop.slot"].search([("rule_id", "in", rules.ids), ("start", "<", day_end)])
            cls.ids = {
                "service": service.id,
                "goods": goods.id,
                "carrier": carrier.id,
                "rules": rules.ids,
                "members": members.ids,
                "standings": standings.ids,
                "day": day,
                "slots": {slot.rule_id.id: slot.id for slot in slots},
            }

    @classmethod
    def _clean_up(cls):
        with committed_env(cls.registry) as env:
            standings = env["coop.standing.order"].browse(cls.ids["standings"])
            orders = standings.with_context(active_test=False).order_ids
            env["mail.mail"].search(
                [("model", "=", "coop.standing.order"), ("res_id", "in", standings.ids)]
            ).unlink()
            orders._action_cancel()
            orders.unlink()
            standings.unlink()
            rules = env["coop.slot.rule"].browse(cls.ids["rules"])
            env["coop.slot"].search([("rule_id", "in", rules.ids)]).unlink()
            rules.unlink()
            env["delivery.carrier"].browse(cls.ids["carrier"]).unlink()
            env["product.product"].browse([cls.ids["service"], cls.ids["goods"]]).unlink()
            env["res.partner"].browse(cls.ids["members"]).unlink()

    def test_five_runs_at_once_fill_the_day_and_hand_the_last_to_the_drive_staff(self):
        weekly, other = (self.ids["slots"][rule_id] for rule_id in self.ids["rules"])

        def run(env, index):
            env["coop.standing.order"].browse(self.ids["standings"][index])._coop_run_week()

        # The drive staff's to-do is e-mailed from the queue: sent after the commit, its mail
        # would wait for the registry that the test runner holds.
        context = {"mail_notify_force_send": False}
        outcomes = run_at_once(self.registry, run, context=context)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        with committed_env(self.registry) as env:
            standings = env["coop.standing.order"].browse(self.ids["standings"])
            orders = standings.order_ids
            self.assertEqual(len(orders), 5, "one order for each standing order, none lost")
            by_slot = {
                slot_id: len(orders.filtered(lambda order, s=slot_id: order.coop_slot_id.id == s))
                for slot_id in (weekly, other, False)
            }
            # Two hold the weekly slot's seats while their payment is awaited, two go to the
            # other slot of the day, the last one is handed to the drive staff.
            self.assertEqual(by_slot, {weekly: 2, other: 2, False: 1}, by_slot)
            for slot_id in (weekly, other):
                self.assertEqual(env["coop.slot"].browse(slot_id).booked_count, 2)
            without_slot = orders.filtered(lambda order: not order.coop_slot_id)
            self.assertEqual(set((orders - without_slot).mapped("state")), {"sent"})
            self.assertTrue(all((orders - without_slot).mapped("coop_payment_awaited_since")))
            self.assertEqual(without_slot.state, "draft", "kept for the drive staff")
            self.assertEqual(without_slot.coop_standing_order_id.last_outcome, "no_slot")
            self.assertEqual(len(without_slot.activity_ids), 1, "a to-do for the drive staff")
            self.assertEqual(
                sorted(standings.mapped("last_outcome")), ["created"] * 4 + ["no_slot"]
            )


@tagged("post_install", "-at_install")
class TestDeliverySlotSeatsAtOnce(BaseCase):
    """Five solidarity delivery requests (taken by phone, without an order) on a delivery
    slot of two seats, at the same moment."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.addCleanup(self._clean_up)
        with committed_env(self.registry) as env:
            carrier = env.ref("coop_solidarity_delivery.carrier_solidarity_delivery")
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
            slot = env["coop.slot"].create(
                {
                    "carrier_id": carrier.id,
                    "warehouse_id": warehouse.id,
                    "start": start,
                    "end": start + timedelta(hours=2),
                    "cutoff": start - timedelta(hours=12),
                    "capacity": 2,
                }
            )
            beneficiaries = env["res.partner"].create(
                [
                    {
                        "name": f"Delivery seats beneficiary {index}",
                        "street": "Rue du Midi 1",
                        "zip": "1000",
                        "city": "Bruxelles",
                        "partner_latitude": 50.8467,
                        "partner_longitude": 4.3525,
                        "coop_geo_state": "done",
                        "coop_data_consent": True,
                        "coop_is_beneficiary": True,
                    }
                    for index in range(5)
                ]
            )
            self.slot_id, self.beneficiary_ids = slot.id, beneficiaries.ids

    def _clean_up(self):
        with committed_env(self.registry) as env:
            env["coop.delivery.request"].search([("slot_id", "=", self.slot_id)]).unlink()
            env["coop.slot"].browse(self.slot_id).unlink()
            env["res.partner"].browse(self.beneficiary_ids).unlink()

    def test_five_requests_at_once_on_two_seats(self):
        def take(env, index):
            return (
                env["coop.delivery.request"]
                .create(
                    {
                        "beneficiary_id": self.beneficiary_ids[index],
                        "slot_id": self.slot_id,
                        "channel": "phone",
                        "shopping_list": "Bread, milk",
                    }
                )
                .id
            )

        outcomes = run_at_once(self.registry, take)
        self.assertEqual(kinds(outcomes), ["ok"] * 2 + ["refused"] * 3, outcomes)
        refused = [o.message for o in outcomes if o.kind == "refused"]
        self.assertTrue(all("This slot is full" in message for message in refused), refused)
        with committed_env(self.registry) as env:
            requests = env["coop.delivery.request"].search([("slot_id", "=", self.slot_id)])
            self.assertEqual(len(requests), 2)
            self.assertEqual(env["coop.slot"].browse(self.slot_id).booked_count, 2)
