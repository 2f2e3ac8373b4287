"""Standing orders on the portal: a member manages only their own, through checked methods."""

from datetime import timedelta

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_standing_order import StandingOrderCommon


class StandingPortalCommon(StandingOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env,
            login="coop_standing_member",
            password="coop_standing_member",
            groups="base.group_portal",
            lang="en_US",
        )
        cls.other_user = new_test_user(
            cls.env,
            login="coop_standing_other",
            password="coop_standing_other",
            groups="base.group_portal",
            lang="en_US",
        )
        cls.mine = cls.make_standing(cls.member_user.partner_id)
        cls.theirs = cls.make_standing(cls.other_user.partner_id)


@tagged("post_install", "-at_install")
class TestStandingOrderAccess(StandingPortalCommon):
    def test_a_member_reads_only_their_own_standing_orders(self):
        found = self.env["coop.standing.order"].with_user(self.member_user).search([])
        self.assertEqual(found, self.mine)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_a_member_cannot_read_another_members_standing_order(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.member_user).read(["next_date"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_a_member_cannot_write_their_standing_order_directly(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.member_user).write({"interval_weeks": 3})
        with self.assertRaises(AccessError):
            self.mine.line_ids[:1].with_user(self.member_user).write({"quantity": 50})

    def test_the_line_of_another_standing_order_is_refused(self):
        with self.assertRaises(UserError):
            self.mine._coop_set_quantities({self.theirs.line_ids[0]: 3})

    def test_a_quantity_out_of_range_is_refused(self):
        for quantity in (float("nan"), float("inf"), -1, 0, 10**9, "2"):
            with (
                self.subTest(quantity=quantity),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self.mine.line_ids[0].write({"quantity": quantity})

    def test_a_product_not_sold_online_cannot_be_added(self):
        hidden = self._create_product(name="Back Room Only", website_published=False)
        with self.assertRaises(UserError):
            self.mine._coop_add_product(hidden, 1)

    def test_removing_every_product_is_refused(self):
        with self.assertRaises(UserError):
            self.mine._coop_set_quantities({line: 0 for line in self.mine.line_ids})

    def test_a_pause_beyond_a_year_is_refused(self):
        with self.assertRaises(UserError):
            self.mine._coop_pause(self.day.replace(year=self.day.year + 2))

    def test_a_stopped_standing_order_cannot_be_paused(self):
        self.mine.action_stop()
        with self.assertRaises(UserError):
            self.mine._coop_pause()


@tagged("post_install", "-at_install")
class TestStandingOrderPortal(HttpCase, StandingPortalCommon):
    def post(self, url, **data):
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        return self.url_open(url, data=data, timeout=60)

    def page(self, standing):
        return f"/my/standing-orders/{standing.id}"

    def test_the_member_sees_their_standing_order(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        response = self.url_open(self.page(self.mine))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Standing Lentils", response.text)
        self.assertIn("o_coop_standing_skip", response.text)
        listing = self.url_open("/my/standing-orders")
        self.assertIn(self.page(self.mine), listing.text)
        self.assertNotIn(self.page(self.theirs), listing.text)

    def test_the_member_skips_a_week_from_the_portal(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        response = self.post(self.page(self.mine) + "/skip")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.mine.skip_date, self.day)
        self.assertIn("o_coop_standing_message", response.text)

    def test_the_member_pauses_from_the_portal(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        until = self.day + timedelta(weeks=3)
        self.post(self.page(self.mine) + "/pause", until=str(until))
        self.assertEqual(self.mine.state, "paused")
        self.assertEqual(self.mine.pause_until, until)

    def test_the_member_changes_a_quantity(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        line = self.mine.line_ids[0]
        self.post(self.page(self.mine) + "/quantities", **{f"qty_{line.id}": "3"})
        self.assertEqual(line.quantity, 3)

    def test_a_bad_quantity_gets_a_message_and_changes_nothing(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        line = self.mine.line_ids[0]
        for value in ("nan", "inf", "-1", "1e308", "abc"):
            with self.subTest(value=value):
                response = self.post(
                    self.page(self.mine) + "/quantities", **{f"qty_{line.id}": value}
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_standing_error", response.text)
                self.assertEqual(line.quantity, 2)

    def test_a_member_cannot_change_another_members_standing_order(self):
        self.authenticate("coop_standing_member", "coop_standing_member")
        response = self.post(self.page(self.theirs) + "/stop")
        self.assertLess(response.status_code, 500)
        self.assertEqual(self.theirs.state, "active")
        self.assertNotIn("Standing Lentils", self.url_open(self.page(self.theirs)).text)

    def test_the_email_link_opens_the_page_without_logging_in(self):
        url = self.mine.get_portal_url()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Standing Lentils", response.text)

    def test_a_confirmed_order_is_repeated_every_week_from_its_page(self):
        order = self._create_drive_order(partner_id=self.member_user.partner_id.id)
        order._coop_set_slot(self.weekly_slot)
        order.action_confirm()
        self.authenticate("coop_standing_member", "coop_standing_member")
        response = self.url_open(order.get_portal_url())
        self.assertIn("o_coop_standing_repeat", response.text)
        self.post(f"/my/orders/{order.id}/coop_standing", access_token=order.access_token)
        standing = self.env["coop.standing.order"].search([("source_order_id", "=", order.id)])
        self.assertEqual(standing.partner_id, self.member_user.partner_id)
