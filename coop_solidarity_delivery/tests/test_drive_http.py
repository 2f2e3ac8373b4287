from odoo import http
from odoo.tests import HttpCase, tagged

from .common import DriveCommon


@tagged("post_install", "-at_install")
class TestDriveCheckoutTour(HttpCase, DriveCommon):
    def test_member_buys_chooses_a_slot_and_pays_on_site(self):
        self.storable_product.name = "Drive Test Basket"
        # A small coop: its members pick up at its only store, the one method offered.
        self.env["delivery.carrier"].search(
            [("id", "!=", self.in_store_dm.id), ("is_published", "=", True)]
        ).is_published = False
        self.provider.write({"state": "enabled", "is_published": True})
        self.warehouse.partner_id = self.env["res.partner"].create(
            {
                **self.dummy_partner_address_values,
                "name": "La Coopérette",
                "partner_latitude": 1.0,
                "partner_longitude": 2.0,
            }
        )
        full_slot = self._create_slot(hours_ahead=30, capacity=1)
        self._create_drive_order(full_slot).action_confirm()
        slot = self._create_slot(hours_ahead=54)
        member = self._create_member_user()
        self.start_tour("/shop", "coop_solidarity_delivery_drive_checkout", login=member.login)
        order = self.env["sale.order"].search([("partner_id", "=", member.partner_id.id)])
        self.assertEqual(order.coop_slot_id, slot)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.commitment_date, slot.start)

    def _create_member_user(self):
        user = self.env["res.users"].create(
            {
                "name": "Marie Drive",
                "login": "marie_drive",
                "password": "marie_drive",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        user.partner_id.write(
            {**self.dummy_partner_address_values, "email": "marie@example.com", "phone": "0102"}
        )
        return user


@tagged("post_install", "-at_install")
class TestDrivePortal(HttpCase, DriveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.slot = cls._create_slot(hours_ahead=48)
        cls.later_slot = cls._create_slot(hours_ahead=72)

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _confirmed_order(self):
        order = self._create_drive_order(self.slot)
        order.action_confirm()
        order._portal_ensure_token()
        return order

    def _change_slot(self, order, slot_id):
        return self.url_open(
            f"/my/orders/{order.id}/coop_slot",
            data={
                "access_token": order.access_token,
                "slot_id": slot_id,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_the_portal_order_page_shows_the_slot(self):
        order = self._confirmed_order()
        response = self.url_open(order.get_portal_url())
        self.assertIn(self.slot.display_name, response.text)
        self.assertIn('name="coop_slot_change"', response.text)

    def test_a_drive_order_names_its_store_once(self):
        """The slot block gives the store's address: no "Shipping Address" repeating it."""
        order = self._confirmed_order()
        order.partner_shipping_id = self.warehouse.partner_id
        self.assertNotEqual(order.partner_shipping_id, order.partner_invoice_id)
        text = self.url_open(order.get_portal_url()).text
        self.assertIn('id="coop_slot_portal"', text)
        self.assertNotIn('id="shipping_address"', text)

    def test_the_member_changes_the_slot_from_the_portal(self):
        order = self._confirmed_order()
        response = self._change_slot(order, self.later_slot.id)
        self.assertEqual(order.coop_slot_id, self.later_slot)
        self.assertEqual(order.commitment_date, self.later_slot.start)
        self.assertIn("Your pickup slot is changed.", response.text)

    def test_the_slot_cannot_be_changed_after_the_cutoff(self):
        order = self._confirmed_order()
        self.slot.cutoff = self.slot.start.replace(year=2000)
        response = self._change_slot(order, self.later_slot.id)
        self.assertEqual(order.coop_slot_id, self.slot)
        self.assertIn("can no longer be changed", response.text)

    def test_a_full_slot_cannot_be_chosen_from_the_portal(self):
        order = self._confirmed_order()
        self.later_slot.capacity = 1
        self._create_drive_order(self.later_slot).action_confirm()
        response = self._change_slot(order, self.later_slot.id)
        self.assertEqual(order.coop_slot_id, self.slot)
        self.assertIn("full", response.text)

    def test_a_tampered_slot_id_is_refused_on_the_portal(self):
        order = self._confirmed_order()
        response = self._change_slot(order, "not-a-slot")
        self.assertEqual(order.coop_slot_id, self.slot)
        self.assertIn("does not exist", response.text)

    def test_a_wrong_access_token_changes_nothing(self):
        order = self._confirmed_order()
        self.url_open(
            f"/my/orders/{order.id}/coop_slot",
            data={
                "access_token": "forged",
                "slot_id": self.later_slot.id,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(order.coop_slot_id, self.slot)
