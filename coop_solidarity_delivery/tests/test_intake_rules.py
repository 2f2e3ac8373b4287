from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_solidarity_checkout import SolidarityCommon


class IntakeRulesCommon(SolidarityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_intake_rules_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )

    @classmethod
    def _slot_past_cutoff(cls):
        """A delivery slot in six hours whose orders closed twelve hours before it."""
        return cls._create_delivery_slot(hours_ahead=6)

    def _requests_of(self, partner):
        return self.env["coop.delivery.request"].search([("beneficiary_id", "=", partner.id)])


@tagged("post_install", "-at_install")
class TestIntakeRules(IntakeRulesCommon):
    """The call-centre wizard holds the portal's rules."""

    def _intake(self, **values):
        return (
            self.env["coop.delivery.intake"]
            .with_user(self.call_centre_user)
            .create({"partner_id": self.partner.id, "shopping_list": "Soup", **values})
        )

    def test_the_call_centre_cannot_book_a_slot_past_its_cutoff(self):
        intake = self._intake(slot_id=self._slot_past_cutoff().id)
        with (
            self.assertRaisesRegex(ValidationError, "orders close 12 hours before"),
            self.env.cr.savepoint(),
        ):
            intake.action_create_request()
        self.assertFalse(self._requests_of(self.partner))

    def test_the_call_centre_books_a_slot_still_open(self):
        slot = self._create_delivery_slot(hours_ahead=48)
        action = self._intake(slot_id=slot.id).action_create_request()
        self.assertEqual(self.env["coop.delivery.request"].browse(action["res_id"]).slot_id, slot)

    def test_an_empty_shopping_list_is_refused_by_the_wizard(self):
        with self.assertRaisesRegex(UserError, "shopping list"):
            self._intake(shopping_list=" \n\t ").action_create_request()
        self.assertFalse(self._requests_of(self.partner))

    def test_a_request_by_phone_without_a_list_is_refused_by_the_model(self):
        with self.assertRaisesRegex(ValidationError, "shopping list"):
            self.env["coop.delivery.request"].create(
                {
                    "beneficiary_id": self.partner.id,
                    "channel": "phone",
                    "delivery_date": fields.Date.today() + timedelta(days=2),
                    "shopping_list": "   ",
                }
            )

    def test_a_list_cannot_be_emptied_while_the_request_is_open(self):
        request = self._phone_request(self.partner)
        with self.assertRaisesRegex(ValidationError, "shopping list"):
            request.shopping_list = ""

    def test_a_request_of_a_web_order_needs_no_list(self):
        order = self._create_solidarity_order(self._create_delivery_slot())
        order.action_confirm()
        self.assertEqual(len(order.coop_delivery_request_ids), 1)
        self.assertFalse(order.coop_delivery_request_ids.shopping_list)

    def test_a_request_by_email_is_kept_without_a_list(self):
        request = self.env["coop.delivery.request"].create(
            {
                "beneficiary_id": self.partner.id,
                "channel": "email",
                "delivery_date": fields.Date.today() + timedelta(days=1),
            }
        )
        self.assertTrue(request.exists())

    def _phone_request(self, beneficiary):
        return self.env["coop.delivery.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "delivery_date": fields.Date.today() + timedelta(days=2),
                "shopping_list": "Bread",
            }
        )


@tagged("post_install", "-at_install")
class TestPortalRequestRules(HttpCase, IntakeRulesCommon):
    """The portal form holds the same rules, checked by the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env, login="coop_rules_member", password="coop_rules_member"
        )
        cls.member_user.write({"groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.member_user.partner_id.write({"coop_data_consent": True, "coop_is_beneficiary": True})

    def _post_request(self, **data):
        self.authenticate("coop_rules_member", "coop_rules_member")
        page = self.url_open("/my/deliveries/new").text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open("/my/deliveries/new", data={"csrf_token": csrf, **data})

    def test_a_slot_past_its_cutoff_posted_by_hand_is_refused(self):
        slot = self._slot_past_cutoff()
        response = self._post_request(slot_id=str(slot.id), shopping_list="Lentilles")
        self.assertIn("can no longer be booked", response.text)
        self.assertIn("Lentilles", response.text)
        self.assertFalse(self._requests_of(self.member_user.partner_id))

    def test_an_empty_shopping_list_is_refused_on_the_portal(self):
        tomorrow = fields.Date.today() + timedelta(days=1)
        response = self._post_request(delivery_date=str(tomorrow), shopping_list="  \n ")
        self.assertIn("your shopping list is empty", response.text)
        self.assertFalse(self._requests_of(self.member_user.partner_id))
