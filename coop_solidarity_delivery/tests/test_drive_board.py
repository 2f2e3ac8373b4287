from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import DriveCommon


class TestDriveBoard(DriveCommon):
    def _confirmed_order(self, **values):
        order = self._create_drive_order(self._create_slot(), **values)
        order.action_confirm()
        return order

    def test_a_confirmed_drive_order_is_to_prepare(self):
        order = self._confirmed_order()
        self.assertEqual(order.coop_drive_state, "to_prepare")
        self.assertEqual(order.picking_ids.picking_type_id.warehouse_id, self.warehouse)

    def test_prepared_reserves_the_picking(self):
        order = self._confirmed_order()
        order.action_coop_drive_prepared()
        self.assertEqual(order.coop_drive_state, "prepared")
        self.assertEqual(order.picking_ids.state, "assigned")

    def test_prepared_without_stock_is_refused(self):
        product = self._create_product(name="Sold out flour")
        order = self._create_drive_order(self._create_slot())
        order.order_line.product_id = product
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "not in stock"):
            order.action_coop_drive_prepared()
        self.assertEqual(order.coop_drive_state, "to_prepare")

    def test_handed_over_validates_the_picking(self):
        order = self._confirmed_order()
        order.action_coop_drive_prepared()
        order.action_coop_drive_handed_over()
        self.assertEqual(order.coop_drive_state, "handed_over")
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 1)

    def test_handed_over_straight_from_to_prepare_reserves_then_validates(self):
        order = self._confirmed_order()
        order.action_coop_drive_handed_over()
        self.assertEqual(order.picking_ids.state, "done")

    def test_no_show_leaves_the_picking_open(self):
        order = self._confirmed_order()
        order.action_coop_drive_prepared()
        order.action_coop_drive_no_show()
        self.assertEqual(order.coop_drive_state, "no_show")
        self.assertEqual(order.picking_ids.state, "assigned")

    def test_the_preparation_list_lists_the_orders_of_the_slot(self):
        order = self._confirmed_order()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "coop_solidarity_delivery.action_report_coop_slot_preparation", order.coop_slot_id.ids
        )
        self.assertIn(order.name, html.decode())
        self.assertIn(self.storable_product.name, html.decode())

    def test_shop_staff_read_the_board_but_do_not_change_slots(self):
        staff = new_test_user(
            self.env, login="drive_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        slot = self._create_slot().with_user(staff)
        self.assertEqual(slot.seats_left, 2)
        self.assertFalse(slot.has_access("write"))

    def test_staff_search_orders_by_member_and_slot(self):
        order = self._confirmed_order()
        found = self.env["sale.order"].search(
            [
                ("partner_id", "child_of", self.partner.id),
                ("coop_slot_id", "=", order.coop_slot_id.id),
            ]
        )
        self.assertEqual(found, order)

    def test_coordinators_see_the_drive_orders_of_every_salesperson(self):
        coordinator = new_test_user(
            self.env,
            login="drive_coordinator",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        order = self._confirmed_order(user_id=self.env.ref("base.user_admin").id)
        quotation = self._create_in_store_delivery_order(user_id=self.env.ref("base.user_admin").id)
        visible = self.env["sale.order"].with_user(coordinator).search([])
        self.assertIn(order, visible)
        self.assertNotIn(quotation, visible)
        order.with_user(coordinator).action_coop_drive_prepared()
        self.assertEqual(order.coop_drive_state, "prepared")

    def test_the_order_document_gives_the_slot(self):
        order = self._confirmed_order()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sale.action_report_saleorder", order.ids
        )
        self.assertIn(order.coop_slot_id.display_name, html.decode())

    def test_a_no_show_can_be_served_later(self):
        order = self._confirmed_order()
        order.action_coop_drive_no_show()
        order.action_coop_drive_reset()
        self.assertEqual(order.coop_drive_state, "to_prepare")

    def test_shop_staff_prepare_and_hand_over_any_drive_order(self):
        staff = new_test_user(
            self.env, login="drive_staff_hands", groups="coop_member_shifts.group_coop_shop_staff"
        )
        order = self._confirmed_order().with_user(staff)
        order.action_coop_drive_prepared()
        order.action_coop_drive_handed_over()
        self.assertEqual(order.coop_drive_state, "handed_over")
        self.assertEqual(order.sudo().picking_ids.state, "done")


class TestDriveBoardSteps(DriveCommon):
    """The buttons of the drive board, pressed as the shop staff through the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env, login="board_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )

    def _confirmed_order(self):
        order = self._create_drive_order(self._create_slot())
        order.action_confirm()
        return order

    def test_staff_mark_an_order_prepared_then_handed_over_from_the_board(self):
        order = self._confirmed_order().with_user(self.staff)
        order.action_coop_drive_prepared()
        self.assertEqual(order.coop_drive_state, "prepared")
        order.action_coop_drive_handed_over()
        self.assertEqual(order.coop_drive_state, "handed_over")
        self.assertEqual(order.sudo().picking_ids.state, "done")

    def test_a_salesperson_outside_the_shop_staff_cannot_mark_a_drive_order(self):
        salesperson = new_test_user(
            self.env, login="board_salesperson", groups="sales_team.group_sale_salesman"
        )
        order = self._confirmed_order()
        order.user_id = salesperson
        with self.assertRaises(AccessError):
            order.with_user(salesperson).action_coop_drive_handed_over()
        self.assertEqual(order.coop_drive_state, "to_prepare")
        self.assertNotEqual(order.picking_ids.state, "done")

    def test_a_handed_over_order_cannot_be_marked_prepared_or_no_show(self):
        order = self._confirmed_order().with_user(self.staff)
        order.action_coop_drive_handed_over()
        with self.assertRaisesRegex(UserError, "already Handed Over"):
            order.action_coop_drive_prepared()
        with self.assertRaisesRegex(UserError, "already Handed Over"):
            order.action_coop_drive_no_show()
        self.assertEqual(order.coop_drive_state, "handed_over")

    def test_a_prepared_order_is_not_prepared_twice(self):
        order = self._confirmed_order().with_user(self.staff)
        order.action_coop_drive_prepared()
        with self.assertRaisesRegex(UserError, "already Prepared"):
            order.action_coop_drive_prepared()

    def test_only_a_no_show_goes_back_to_prepare(self):
        order = self._confirmed_order().with_user(self.staff)
        order.action_coop_drive_prepared()
        with self.assertRaises(UserError):
            order.action_coop_drive_reset()
        self.assertEqual(order.coop_drive_state, "prepared")

    def test_a_quotation_is_not_marked_on_the_board(self):
        order = self._create_drive_order(self._create_slot())
        with self.assertRaisesRegex(UserError, "not a confirmed drive order"):
            order.with_user(self.staff).action_coop_drive_prepared()

    def test_moving_a_card_by_writing_its_status_is_refused(self):
        """A drag between columns, an import or a hand-made RPC cannot skip the stock moves."""
        order = self._confirmed_order()
        with self.assertRaisesRegex(UserError, "buttons of the drive board"):
            order.with_user(self.staff).write({"coop_drive_state": "handed_over"})
        self.assertEqual(order.coop_drive_state, "to_prepare")
        self.assertNotEqual(order.picking_ids.state, "done")

    def test_an_order_cannot_be_created_already_handed_over(self):
        """An import or a hand-made call creates a drive order to prepare, never further."""
        seller = new_test_user(
            self.env,
            login="board_seller",
            groups="sales_team.group_sale_salesman,coop_member_shifts.group_coop_shop_staff",
        )
        member = self.env["res.partner"].create({"name": "Board Member"})
        orders = self.env["sale.order"].with_user(seller)
        with self.assertRaisesRegex(UserError, "buttons of the drive board"):
            orders.create({"partner_id": member.id, "coop_drive_state": "handed_over"})
        order = orders.create({"partner_id": member.id, "coop_drive_state": "to_prepare"})
        self.assertEqual(order.coop_drive_state, "to_prepare")

    def test_the_board_shows_the_four_status_columns_even_when_empty(self):
        self._confirmed_order()
        groups = (
            self.env["sale.order"]
            .with_user(self.staff)
            .read_group([("coop_slot_id", "!=", False)], ["id:count"], ["coop_drive_state"])
        )
        self.assertEqual(
            [group["coop_drive_state"] for group in groups],
            ["to_prepare", "prepared", "handed_over", "no_show"],
        )

    def test_the_card_counts_the_products_but_not_the_pickup_line(self):
        order = self._create_drive_order(self._create_slot())
        order.set_delivery_line(self.in_store_dm, 0.0)
        order.action_confirm()
        self.assertEqual(len(order.order_line), 2)
        self.assertEqual(order.with_user(self.staff).coop_item_count, 1)

    def test_the_card_gives_the_pickup_time_in_the_store_timezone(self):
        slot = self._create_slot()
        slot.write({"start": "2031-01-07 16:00:00", "end": "2031-01-07 18:00:00"})
        order = self._create_drive_order()
        order.write({"coop_slot_id": slot.id})
        # Tuesday 7 January 2031, in the language of the one who reads the card.
        self.assertEqual(
            order.with_context(lang="fr_FR").coop_slot_hours, "mardi 7 janvier 2031, 17 h – 19 h"
        )
        self.assertIn("5:00", order.with_context(lang="en_US").coop_slot_hours)

    def test_a_rule_and_its_standing_orders_read_their_hours_as_people_do(self):
        name = self.rule.with_context(lang="fr_FR").display_name
        self.assertTrue(name.endswith("17 h – 19 h"), name)
        self.assertIn(self.warehouse.name, name)

    def test_the_coop_app_opens_the_drive_board_for_the_shop_staff(self):
        # The Coop app's action lands each user on the first menu they may open.
        action = self.env["coop.setup.wizard"].with_user(self.staff).action_coop_home()
        board = self.env.ref("coop_solidarity_delivery.sale_order_action_coop_drive_board")
        self.assertEqual(action["id"], board.id)

    def test_the_demo_shop_staff_log_in_on_the_drive_board(self):
        staff = self.env.ref("coop_member_shifts.user_demo_staff", raise_if_not_found=False)
        if not staff:
            self.skipTest("No demo data")
        board = self.env.ref("coop_solidarity_delivery.sale_order_action_coop_drive_board")
        self.assertEqual(staff.action_id.id, board.id)
