from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import DriveCommon


class TestSlotBooking(DriveCommon):
    def test_seats_left_count_confirmed_orders_only(self):
        slot = self._create_slot(capacity=3)
        self._create_drive_order(slot).action_confirm()
        self._create_drive_order(slot)
        self.assertEqual((slot.booked_count, slot.seats_left), (1, 2))

    def test_the_slot_sets_the_commitment_date(self):
        slot = self._create_slot()
        order = self._create_drive_order(slot)
        self.assertEqual(order.commitment_date, slot.start)

    def test_a_full_slot_is_not_bookable(self):
        slot = self._create_slot(capacity=1)
        self._create_drive_order(slot).action_confirm()
        self.assertFalse(slot.is_bookable)
        with self.assertRaisesRegex(UserError, "full"):
            self._create_drive_order(slot)

    def test_confirming_an_order_on_a_full_slot_is_refused(self):
        slot = self._create_slot(capacity=1)
        late = self._create_drive_order(slot)
        self._create_drive_order(slot).action_confirm()
        with self.assertRaisesRegex(UserError, "choose another one"):
            late.action_confirm()
        self.assertEqual(late.state, "draft")
        self.assertTrue(late.order_line, "the cart is kept")

    def test_a_slot_past_its_cutoff_is_not_bookable(self):
        slot = self._create_slot(hours_ahead=5, cutoff_hours=12)
        self.assertFalse(slot.is_bookable)
        with self.assertRaisesRegex(UserError, "no longer be booked"):
            self._create_drive_order(slot)

    def test_a_past_slot_is_not_bookable(self):
        slot = self._create_slot(hours_ahead=-3, cutoff_hours=0)
        with self.assertRaisesRegex(UserError, "already started"):
            self._create_drive_order(slot)

    def test_a_closed_slot_is_not_bookable(self):
        slot = self._create_slot()
        slot.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            self._create_drive_order(slot)

    def test_a_slot_of_another_store_is_refused(self):
        other = self._create_warehouse()
        self.in_store_dm.warehouse_ids = [(4, other.id)]
        slot = self._create_slot(warehouse_id=other.id)
        with self.assertRaisesRegex(UserError, "another store"):
            self._create_drive_order(slot)

    def test_availability_lists_the_open_slots_of_the_store(self):
        open_slot = self._create_slot()
        closed_slot = self._create_slot(hours_ahead=72)
        closed_slot.action_close()
        far_slot = self._create_slot(hours_ahead=24 * 20)
        slots = self.env["coop.slot"]._get_bookable_slots(self.in_store_dm, self.warehouse)
        self.assertIn(open_slot, slots)
        self.assertNotIn(closed_slot, slots)
        self.assertNotIn(far_slot, slots)

    def test_reading_the_availability_writes_no_slot(self):
        """Concurrent shoppers of a store must not write its slot rows just by looking."""
        slot = self._create_slot()
        self.env.flush_all()
        # As if created earlier: a write in this transaction would then change write_date.
        self.env.cr.execute(
            "UPDATE coop_slot SET write_date = write_date - interval '1 day' WHERE id = %s",
            slot.ids,
        )
        self.env.invalidate_all()
        slots = self.env["coop.slot"]._get_bookable_slots(self.in_store_dm, self.warehouse)
        self.assertEqual([slot.seats_left for slot in slots][-1], 2)
        self.assertFalse(self.env.cache.has_dirty_fields(slots))

    def test_availability_queries_do_not_grow_with_the_orders(self):
        slots = self.env["coop.slot"]
        for hours in (24, 48, 72, 96, 120):
            slots |= self._create_slot(hours_ahead=hours, capacity=20)

        def availability():
            self.env.invalidate_all()
            found = self.env["coop.slot"]._get_bookable_slots(self.in_store_dm, self.warehouse)
            return [(slot.seats_left, slot.is_bookable) for slot in found]

        availability()
        queries_before = self.cr.sql_log_count
        availability()
        queries = self.cr.sql_log_count - queries_before
        for slot in slots:
            for _index in range(3):
                self._create_drive_order(slot).action_confirm()
        with self.assertQueryCount(queries):
            self.assertEqual(availability()[0], (17, True))

    def test_leaving_the_pickup_method_forgets_the_slot(self):
        order = self._create_drive_order(self._create_slot())
        other_dm = self._prepare_carrier(self.dm_product, name="Home delivery", fixed_price=5.0)
        order.set_delivery_line(other_dm, 5.0)
        self.assertFalse(order.coop_slot_id)
        self.assertFalse(order.commitment_date)

    def test_the_confirmation_email_gives_the_slot(self):
        slot = self._create_slot()
        order = self._create_drive_order(slot)
        order.action_confirm()
        template = order._get_confirmation_template()
        self.assertEqual(
            template, self.env.ref("coop_solidarity_delivery.mail_template_drive_confirmation")
        )
        body = template._render_field("body_html", order.ids)[order.id]
        self.assertIn(slot.display_name, body)

    def test_a_seat_is_held_once_the_payment_starts(self):
        slot = self._create_slot(capacity=1)
        paying = self._create_drive_order(slot)
        self._create_transaction("redirect", sale_order_ids=[paying.id], state="pending")
        self.assertEqual(slot.seats_left, 0)
        with self.assertRaisesRegex(UserError, "full"):
            self._create_drive_order(slot)
        paying.action_confirm()
        self.assertEqual((slot.booked_count, paying.state), (1, "sale"))

    def test_a_cancelled_payment_frees_the_seat(self):
        slot = self._create_slot(capacity=1)
        paying = self._create_drive_order(slot)
        self._create_transaction("redirect", sale_order_ids=[paying.id], state="cancel")
        self.assertEqual(slot.seats_left, 1)

    def test_a_salesperson_confirms_a_drive_order(self):
        salesperson = new_test_user(
            self.env, login="drive_salesperson", groups="sales_team.group_sale_salesman"
        )
        slot = self._create_slot()
        order = self._create_drive_order(slot, user_id=salesperson.id).with_user(salesperson)
        order.action_confirm()
        self.assertEqual(order.coop_slot_id.display_name, slot.display_name)
        self.assertEqual(order.state, "sale")

    def test_a_seat_is_held_while_the_member_is_on_the_payment_page(self):
        slot = self._create_slot(capacity=1)
        paying = self._create_drive_order(slot)
        self._create_transaction("redirect", sale_order_ids=[paying.id], state="draft")
        self.assertEqual(slot.seats_left, 0)

    def test_an_abandoned_payment_page_frees_the_seat(self):
        slot = self._create_slot(capacity=1)
        paying = self._create_drive_order(slot)
        transaction = self._create_transaction(
            "redirect", sale_order_ids=[paying.id], state="draft"
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE payment_transaction SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(hours=1), transaction.id),
        )
        self.env.invalidate_all()
        self.assertEqual(slot.seats_left, 1)
