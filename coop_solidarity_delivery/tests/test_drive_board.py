from odoo.exceptions import UserError
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
