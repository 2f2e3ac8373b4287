from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase


@tagged("post_install", "-at_install")
class TestOfferTokenPrivacy(DeliveryCase):
    """A volunteer's link is their key: no other user reads it, not even in the mail queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_test_token_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        cls.employee_user = new_test_user(cls.env, login="coop_test_token_employee")
        beneficiary = cls.make_beneficiary("Odette Perrin", GRAND_PLACE)
        cls.make_volunteer("Near", IXELLES)
        cls.make_volunteer("Middle", SCHAERBEEK)
        cls.request = cls.make_request(beneficiary)
        # The coordinator clicks "Notify volunteers": the mails are not theirs to read either.
        cls.request.with_user(cls.coordinator_user).action_search_volunteers()
        cls.offer = cls.request.offer_ids[0]
        cls.token = cls.offer.sudo().token

    def users(self):
        return {
            "call centre": self.call_centre_user,
            "shop staff": self.staff_user,
            "employee": self.employee_user,
            "delivery coordinator": self.coordinator_user,
        }

    def test_the_offer_mail_is_queued_with_the_link(self):
        mail = self.env["mail.mail"].search([("body_html", "ilike", self.token)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, self.offer.volunteer_id.email_formatted)
        self.assertEqual(mail.state, "outgoing")

    def test_no_user_finds_the_token_in_messages(self):
        for name, user in self.users().items():
            with self.subTest(user=name):
                messages = self.env["mail.message"].with_user(user)
                self.assertFalse(messages.search([("body", "ilike", self.token)]))

    def test_no_user_reads_the_offer_message_by_id(self):
        message = self.env["mail.mail"].search([("body_html", "ilike", self.token)]).mail_message_id
        for name, user in self.users().items():
            with self.subTest(user=name), self.assertRaises(AccessError):
                message.with_user(user).read(["body"])

    def test_no_user_reads_the_mail_queue(self):
        for name, user in self.users().items():
            with self.subTest(user=name), self.assertRaises(AccessError):
                self.env["mail.mail"].with_user(user).search([("body_html", "ilike", self.token)])

    def test_the_token_field_is_not_readable_on_the_offer(self):
        for name, user in self.users().items():
            with self.subTest(user=name):
                offer = self.offer.with_user(user)
                if not offer.has_access("read"):
                    continue  # shop staff and employees do not read offers at all
                self.assertNotIn("token", offer.read()[0])
                with self.assertRaises(AccessError):
                    offer.read(["token"])

    def test_the_token_cannot_be_searched_for(self):
        for name, user in self.users().items():
            with self.subTest(user=name), self.assertRaises(AccessError):
                self.env["coop.delivery.offer"].with_user(user).search([("token", "=", self.token)])
