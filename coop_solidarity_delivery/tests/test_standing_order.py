"""Standing weekly orders: the weekly job on each of its edge cases."""

from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import DriveCommon

CRON_STEP_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"


class StandingOrderCommon(DriveCommon):
    """A weekly slot two days ahead (UTC store), a later one the same day, and a member's
    standing order on the first."""

    @classmethod
    def make_day_rule(cls, start_hour, end_hour, capacity=1):
        """A weekly rule of the test store on ``cls.day``'s weekday, its slots generated."""
        rule = cls.env["coop.slot.rule"].create(
            {
                "carrier_id": cls.in_store_dm.id,
                "warehouse_id": cls.warehouse.id,
                "weekday": str(cls.day.weekday()),
                "cutoff_hours": 12.0,
                "horizon_days": 15,
                "tz": "UTC",
                "capacity": capacity,
                "start_hour": start_hour,
                "end_hour": end_hour,
            }
        )
        rule._generate_slots()
        return rule

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = fields.Date.today() + timedelta(days=2)
        cls.weekly = cls.make_day_rule(14.0, 16.0)
        cls.evening = cls.make_day_rule(18.0, 20.0)
        cls.weekly_slot = cls.slot_of(cls.weekly)
        cls.evening_slot = cls.slot_of(cls.evening)
        cls.lentils = cls._create_product(name="Standing Lentils", list_price=3.0)
        cls._add_product_qty_to_wh(cls.lentils.id, 4, cls.warehouse.lot_stock_id.id)
        cls.member = cls.env["res.partner"].create(
            {"name": "Sam Standing", "email": "sam@example.com", "lang": "en_US"}
        )
        cls.standing = cls.make_standing(cls.member)

    @classmethod
    def slot_of(cls, rule):
        return cls.env["coop.slot"].search([("rule_id", "=", rule.id)], order="start", limit=1)

    @classmethod
    def make_standing(cls, member, **values):
        return cls.env["coop.standing.order"].create(
            {
                "partner_id": member.id,
                "rule_id": cls.weekly.id,
                "line_ids": [
                    Command.create({"product_id": cls.storable_product.id, "quantity": 2}),
                    Command.create({"product_id": cls.lentils.id, "quantity": 1}),
                ],
                **values,
            }
        )

    def run_cron(self):
        self.env["coop.standing.order"]._cron_make_week_orders()

    def fill(self, slot):
        other = self.env["res.partner"].create({"name": "Someone Else"})
        order = self._create_drive_order(partner_id=other.id)
        order._coop_set_slot(slot)
        order.action_confirm()

    def week_orders(self, standing=None):
        return (standing or self.standing).order_ids

    def last_mail(self, standing=None):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "coop.standing.order"),
                ("res_id", "=", (standing or self.standing).id),
            ],
            order="id desc",
            limit=1,
        )


@tagged("post_install", "-at_install")
class TestStandingOrderCron(StandingOrderCommon):
    def test_a_new_standing_order_starts_on_the_next_day_of_its_slot(self):
        self.assertEqual(self.standing.next_date, self.day)

    def test_the_cron_makes_the_week_order_on_the_slot_at_todays_price(self):
        self.lentils.list_price = 4.5
        self.run_cron()
        order = self.week_orders()
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.coop_slot_id, self.weekly_slot)
        self.assertEqual(order.coop_standing_week, self.day)
        line = order.order_line.filtered(lambda line: line.product_id == self.lentils)
        self.assertEqual(line.price_unit, 4.5)
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=1))

    def test_the_member_is_told_with_links_to_change_skip_pause_and_stop(self):
        self.run_cron()
        mail = self.last_mail()
        self.assertEqual(mail.recipient_ids, self.member)
        self.assertIn(self.week_orders().name, mail.body_html)
        for anchor in ("#skip", "#pause", "#stop"):
            self.assertIn(anchor, mail.body_html)
        self.assertIn(f"access_token={self.standing.access_token}", mail.body_html)

    def test_running_the_cron_twice_makes_one_order(self):
        self.run_cron()
        self.run_cron()
        self.assertEqual(len(self.week_orders()), 1)

    def test_a_week_already_made_is_not_made_again(self):
        self.run_cron()
        self.standing.next_date = self.day  # as if a second run had read the old date
        self.run_cron()
        self.assertEqual(len(self.week_orders()), 1)

    def test_the_database_refuses_two_orders_for_the_same_week(self):
        self.run_cron()
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.week_orders().copy(
                {"coop_standing_order_id": self.standing.id, "coop_standing_week": self.day}
            )

    def test_a_product_no_longer_sold_is_left_out_and_named(self):
        self.lentils.sale_ok = False
        self.run_cron()
        self.assertNotIn(self.lentils, self.week_orders().order_line.product_id)
        self.assertIn(self.storable_product, self.week_orders().order_line.product_id)
        self.assertIn("Standing Lentils", self.last_mail().body_html)

    def test_an_out_of_stock_product_is_left_out_and_named(self):
        self.standing.line_ids.filtered(lambda line: line.product_id == self.lentils).quantity = 5
        self.run_cron()
        self.assertNotIn(self.lentils, self.week_orders().order_line.product_id)
        self.assertIn("out of stock", self.standing.last_left_out)
        self.assertIn("Standing Lentils", self.last_mail().body_html)

    def test_nothing_available_makes_no_order_and_tells_the_member(self):
        (self.lentils | self.storable_product).sale_ok = False
        self.run_cron()
        self.assertFalse(self.week_orders())
        self.assertEqual(self.standing.last_outcome, "empty")
        self.assertTrue(self.last_mail())

    def test_a_full_slot_takes_the_next_free_slot_of_the_same_day(self):
        self.fill(self.weekly_slot)
        self.run_cron()
        self.assertEqual(self.week_orders().coop_slot_id, self.evening_slot)
        self.assertEqual(self.week_orders().state, "sale")

    def test_no_free_slot_tells_the_member_and_the_drive_staff(self):
        self.fill(self.weekly_slot)
        self.fill(self.evening_slot)
        self.run_cron()
        order = self.week_orders()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.coop_slot_id)
        self.assertEqual(self.standing.last_outcome, "no_slot")
        self.assertTrue(order.activity_ids)
        self.assertNotIn(str(self.day), order.activity_ids.note)  # a day people read
        self.assertTrue(self.last_mail())
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=1))

    def test_a_slot_past_its_cut_off_is_not_booked(self):
        self.weekly_slot.cutoff = fields.Datetime.now() - timedelta(hours=1)
        self.run_cron()
        self.assertEqual(self.week_orders().coop_slot_id, self.evening_slot)

    def test_a_closing_day_is_skipped(self):
        self.env["coop.closing.day"].create({"date": self.day, "name": "Inventory"})
        self.run_cron()
        self.assertFalse(self.week_orders())
        self.assertEqual(self.standing.last_outcome, "closed")
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=1))

    def test_a_suspended_member_gets_the_order_held_with_a_message(self):
        with patch.object(type(self.member), "_coop_may_shop", lambda partner: False):
            self.run_cron()
        order = self.week_orders()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.standing.last_outcome, "held")
        self.assertIn("suspended", order.message_ids[:1].body)
        self.assertIn("suspended", self.last_mail().body_html)

    def test_a_paused_order_makes_no_order_until_its_date(self):
        self.standing.write({"state": "paused", "pause_until": self.day})
        self.run_cron()
        self.assertFalse(self.week_orders())
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=1))

    def test_a_pause_ended_before_the_delivery_starts_again(self):
        self.standing.write({"state": "paused", "pause_until": self.day - timedelta(days=1)})
        self.run_cron()
        self.assertEqual(self.standing.state, "active")
        self.assertEqual(len(self.week_orders()), 1)

    def test_a_stopped_order_makes_no_order(self):
        self.standing.action_stop()
        self.run_cron()
        self.assertFalse(self.week_orders())

    def test_a_skipped_week_makes_no_order_and_the_next_one_is_made(self):
        self.standing.action_skip_next()
        self.assertEqual(self.standing.skip_date, self.day)
        self.run_cron()
        self.assertFalse(self.week_orders())
        self.assertFalse(self.standing.skip_date)
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=1))

    def test_skipping_a_week_already_made_cancels_its_order(self):
        self.run_cron()
        order = self.week_orders()
        self.standing.action_skip_next()
        self.assertEqual(order.state, "cancel")
        self.run_cron()
        self.assertEqual(len(self.week_orders()), 1)

    def test_every_two_weeks_moves_two_weeks_ahead(self):
        self.standing.interval_weeks = 2
        self.run_cron()
        self.assertEqual(self.standing.next_date, self.day + timedelta(weeks=2))

    def test_a_delivery_missed_by_the_job_moves_to_the_next_week(self):
        self.standing.next_date = self.day - timedelta(weeks=1)
        self.run_cron()
        self.assertEqual(self.week_orders().coop_standing_week, self.day)

    def test_online_payment_leaves_the_order_for_the_member_to_confirm(self):
        self.standing.payment_mode = "online"
        self.run_cron()
        self.assertEqual(self.week_orders().state, "sent")
        self.assertIn(self.week_orders().get_portal_url(), self.last_mail().body_html)

    def test_a_bad_standing_order_is_handed_over_and_a_good_one_is_made(self):
        bad = self.make_standing(self.env["res.partner"].create({"name": "Bad Basket"}))
        original = type(bad)._coop_week_lines

        def week_lines(standing):
            if standing == bad:
                raise ValueError("broken basket")
            return original(standing)

        with (
            patch.object(type(bad), "_coop_week_lines", week_lines),
            mute_logger(CRON_STEP_LOGGER),
        ):
            self.run_cron()
        self.assertEqual(len(self.week_orders()), 1)
        self.assertFalse(bad.order_ids)
        self.assertIn("broken basket", bad.activity_ids.note)
        self.assertEqual(bad.next_date, self.day)


@tagged("post_install", "-at_install")
class TestStandingOrderFromOrder(StandingOrderCommon):
    def confirmed_order(self):
        order = self._create_drive_order(partner_id=self.member.id)
        order._coop_set_slot(self.weekly_slot)
        order.action_confirm()
        return order

    def test_a_confirmed_drive_order_is_repeated_every_week(self):
        order = self.confirmed_order()
        standing = order._coop_make_standing_order()
        self.assertEqual(standing.partner_id, self.member)
        self.assertEqual(standing.rule_id, self.weekly)
        self.assertEqual(standing.line_ids.product_id, self.storable_product)
        self.assertEqual(standing.source_order_id, order)

    def test_repeating_an_order_twice_gives_the_same_standing_order(self):
        order = self.confirmed_order()
        self.assertEqual(order._coop_make_standing_order(), order._coop_make_standing_order())

    def test_an_order_not_confirmed_cannot_be_repeated(self):
        order = self._create_drive_order(partner_id=self.member.id)
        with self.assertRaises(UserError):
            order._coop_make_standing_order()

    def test_the_backend_button_opens_the_standing_order(self):
        staff = new_test_user(
            self.env,
            login="coop_standing_staff",
            groups="coop_member_shifts.group_coop_shop_staff,sales_team.group_sale_salesman_all_leads",
        )
        action = self.confirmed_order().with_user(staff).action_coop_make_standing_order()
        self.assertEqual(action["res_model"], "coop.standing.order")
        self.assertTrue(action["res_id"])

    def test_the_backend_button_called_by_a_member_makes_nothing(self):
        order = self.confirmed_order()
        for login in ("coop_standing_owner", "coop_standing_other"):
            member = new_test_user(self.env, login=login, groups="base.group_portal")
            if login == "coop_standing_owner":
                order.partner_id = member.partner_id
            with self.subTest(login=login), self.assertRaises(AccessError):
                order.with_user(member).action_coop_make_standing_order()
        self.assertFalse(
            self.env["coop.standing.order"].search([("source_order_id", "=", order.id)])
        )


@tagged("post_install", "-at_install")
class TestStandingOrderQueries(StandingOrderCommon):
    def test_the_cron_queries_stay_flat_per_standing_order(self):
        self.weekly.capacity = 10
        self.weekly_slot.capacity = 10
        members = self.env["res.partner"].create(
            [{"name": f"Member {index}", "email": f"m{index}@example.com"} for index in range(4)]
        )
        for member in members:
            self.make_standing(member)
        self.env.invalidate_all()
        # About 120 queries an order made, most of them Odoo's own confirmation (the stock
        # picking, and since the Events app event_sale's look for tickets: 749 measured, 720
        # before); the standing order's part (lock, products, slot, e-mail) is about 50.
        with self.assertQueryCount(__system__=770):
            self.run_cron()
        self.assertEqual(
            len(self.env["sale.order"].search([("coop_standing_week", "=", self.day)])), 5
        )
