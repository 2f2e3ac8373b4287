import json

from odoo.tests import HttpCase, tagged

from odoo.addons.coop_member_shifts.tests.axe_common import AxeMixin

from .common import GRAND_PLACE, IXELLES, DeliveryCase, DriveCommon
from .test_fee_shop import FeeShopCommon


@tagged("post_install", "-at_install")
class TestDeliveryPagesAccessibility(AxeMixin, HttpCase, DeliveryCase):
    """The beneficiaries' and volunteers' pages pass axe-core (WCAG 2.1 AA): no serious or
    critical violation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = cls.make_portal_beneficiary("coop_axe_member", GRAND_PLACE)
        cls.request = cls.make_request(cls.member_user.partner_id)
        cls.volunteer = cls.make_volunteer("Vera Volunteer", IXELLES)
        cls.request.action_search_volunteers()
        cls.offer = cls.request.offer_ids.filtered(lambda o: o.volunteer_id == cls.volunteer)

    def test_my_deliveries_page_is_accessible(self):
        self.assertAccessible("/my/deliveries", login="coop_axe_member", expected="table")

    def test_the_delivery_request_form_is_accessible(self):
        self.assertAccessible("/my/deliveries/new", login="coop_axe_member", expected="form")

    def test_one_of_my_deliveries_with_its_change_and_cancel_forms_is_accessible(self):
        self.assertAccessible(
            f"/my/deliveries/{self.request.id}",
            login="coop_axe_member",
            expected=".o_coop_delivery_change_form",
        )

    def test_the_offer_page_is_accessible(self):
        self.assertAccessible(f"/coop/delivery/offer/{self.offer.sudo().token}", expected="main")

    def test_the_accepted_offer_page_is_accessible(self):
        self.offer._accept()
        self.assertAccessible(f"/coop/delivery/offer/{self.offer.sudo().token}", expected="main")


@tagged("post_install", "-at_install")
class TestCheckoutAccessibility(AxeMixin, HttpCase, DriveCommon):
    def test_the_payment_page_with_the_slot_picker_is_accessible(self):
        # Odoo's own "test mode" marker (an icon with a label axe refuses) is not the coop's page.
        self.env["payment.provider"].search([("state", "=", "test")]).state = "disabled"
        self.provider.write({"state": "enabled", "is_published": True})
        self.warehouse.partner_id = self.env["res.partner"].create(
            {**self.dummy_partner_address_values, "name": "La Coopérette"}
        )
        full_slot = self._create_slot(hours_ahead=30, capacity=1)
        self._create_drive_order(full_slot).action_confirm()
        self._create_slot(hours_ahead=54)
        member = self.env["res.users"].create(
            {
                "name": "Marie Drive",
                "login": "coop_axe_drive",
                "password": "coop_axe_drive",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        member.partner_id.write(
            {**self.dummy_partner_address_values, "email": "marie@example.com", "phone": "0102"}
        )
        order = self._create_drive_order(partner_id=member.partner_id.id)
        order._set_pickup_location(json.dumps(self._pickup_location_data()))
        self.assertAccessible(
            "/shop/payment",
            login="coop_axe_drive",
            expected="#coop_slot_picker input[name='coop_slot']",
        )

    def test_the_portal_order_page_with_its_pickup_slot_is_accessible(self):
        order = self._create_drive_order(self._create_slot(hours_ahead=48))
        order.action_confirm()
        order._portal_ensure_token()
        self.assertAccessible(order.get_portal_url(), expected="[name='coop_slot_change']")

    def _pickup_location_data(self):
        address = self.warehouse.partner_id
        return {
            "id": self.warehouse.id,
            "name": address.name,
            "street": address.street,
            "city": address.city,
            "zip_code": address.zip or "",
            "country_code": address.country_code,
            "state": address.state_id.code,
            "latitude": 1.0,
            "longitude": 2.0,
            "additional_data": {"in_store_stock": {"in_stock": True}},
            "opening_hours": {},
        }


@tagged("post_install", "-at_install")
class TestMembershipProductAccessibility(AxeMixin, FeeShopCommon):
    def test_the_membership_page_with_its_range_of_fees_is_accessible(self):
        self.assertAccessible(self.membership.website_url, expected=".o_coop_fee_range")

    def test_the_membership_page_with_the_member_s_own_fee_is_accessible(self):
        self.assertAccessible(
            self.membership.website_url, login=self.member_user.login, expected=".o_coop_fee_own"
        )
