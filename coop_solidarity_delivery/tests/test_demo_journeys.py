from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoJourneys(HttpCase):
    """The journeys of the README's demo logins complete on the demo database as installed:
    no setting changed, no online service called (geocoding is off in tests)."""

    def _drive_orders(self, login):
        partner = self.env["res.users"].search([("login", "=", login)]).partner_id
        return self.env["sale.order"].search(
            [("partner_id", "=", partner.id), ("coop_slot_id", "!=", False)]
        )

    def test_portal_member_buys_groceries_with_pickup_and_pays_on_site(self):
        before = self._drive_orders("portal")
        self.start_tour("/shop", "coop_demo_member_buys_with_pickup", login="portal")
        order = self._drive_orders("portal") - before
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(order.warehouse_id, self.env.ref("stock.warehouse0"))

    def test_amelie_buys_groceries_with_pickup_and_pays_by_transfer(self):
        before = self._drive_orders("amelie")
        self.start_tour("/shop", "coop_demo_member_pays_by_transfer", login="amelie")
        order = self._drive_orders("amelie") - before
        self.assertTrue(order.coop_slot_id)
        self.assertEqual(
            order.transaction_ids.provider_id, self.env.ref("payment.payment_provider_transfer")
        )
        self.assertEqual(order.transaction_ids.state, "pending")

    def test_beneficiary_asks_for_a_delivery(self):
        fatou = self.env.ref("coop_solidarity_delivery.demo_beneficiary_fatou")
        requests = self.env["coop.delivery.request"].search([("beneficiary_id", "=", fatou.id)])
        self.start_tour("/my", "coop_demo_beneficiary_asks_for_a_delivery", login="fatou")
        new = self.env["coop.delivery.request"].search([("beneficiary_id", "=", fatou.id)])
        self.assertEqual(len(new - requests), 1)

    def test_manager_opens_the_coop_settings(self):
        self.start_tour("/odoo", "coop_demo_manager_opens_settings", login="manager")

    def test_staff_marks_a_drive_order_prepared(self):
        orders = self.env["sale.order"].search([("coop_drive_state", "=", "prepared")])
        self.start_tour(
            "/odoo/action-coop_solidarity_delivery.action_coop_drive_orders",
            "coop_demo_staff_marks_drive_order_prepared",
            login="staff",
        )
        prepared = self.env["sale.order"].search([("coop_drive_state", "=", "prepared")])
        self.assertEqual(len(prepared - orders), 1)

    def test_fee_officer_validates_the_waiting_declaration(self):
        declaration = self.env.ref("coop_member_shifts.demo_income_emma")
        self.start_tour(
            "/odoo/action-coop_member_shifts.coop_income_declaration_action",
            "coop_demo_fee_officer_validates_declaration",
            login="feeofficer",
        )
        self.assertEqual(declaration.state, "validated")

    def test_coordinator_validates_the_waiting_task(self):
        entry = self.env.ref("coop_member_shifts.demo_work_emma_1")
        self.start_tour(
            "/odoo/action-coop_member_shifts.coop_work_entry_action",
            "coop_demo_coordinator_validates_task",
            login="coordinator",
        )
        self.assertEqual(entry.state, "validated")

    def test_delivery_coordinator_and_call_centre_see_the_requests(self):
        for login in ("delivery", "callcentre"):
            with self.subTest(login=login):
                self.start_tour(
                    "/odoo/action-coop_solidarity_delivery.coop_delivery_request_action",
                    "coop_demo_open_delivery_requests",
                    login=login,
                )

    def test_admin_opens_the_coop_app(self):
        self.start_tour("/odoo", "coop_member_shifts_open_coop_menu", login="admin")
