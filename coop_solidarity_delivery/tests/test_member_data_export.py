import json

from odoo.tests import new_test_user, tagged

from .common import GRAND_PLACE, DeliveryCase


@tagged("post_install", "-at_install")
class TestMemberDataExport(DeliveryCase):
    def test_the_export_holds_the_members_delivery_requests(self):
        user = new_test_user(self.env, login="coop_test_export", groups="base.group_portal")
        member = user.partner_id
        member.write({"coop_is_beneficiary": True, "coop_data_consent": True})
        self.make_request(member, shopping_list="Rice and lentils")
        data = json.loads(member._coop_data_export_json())
        requests = data["delivery_requests"]
        self.assertEqual(len(requests), 1)
        self.assertEqual(requests[0]["shopping_list"], "Rice and lentils")
        self.assertEqual(requests[0]["access_notes"], "Code 1234, 3rd floor")

    def test_the_export_holds_no_one_elses_request(self):
        member = new_test_user(self.env, login="coop_test_export2").partner_id
        self.make_request(self.make_beneficiary("Someone Else", GRAND_PLACE))
        data = json.loads(member._coop_data_export_json())
        self.assertEqual(data["delivery_requests"], [])


@tagged("post_install", "-at_install")
class TestVolunteerSignupData(DeliveryCase):
    def signup(self, email):
        return self.env["coop.volunteer.signup"]._coop_submit(
            {
                "name": "Signup Data",
                "email": email,
                "street": "Rue Haute 1",
                "zip": "1000",
                "city": "Bruxelles",
                "can_call": True,
                "contact_consent": True,
                "address_consent": True,
            }
        )

    def test_the_export_holds_the_sign_ups_sent_with_the_members_e_mail(self):
        member = new_test_user(self.env, login="coop_test_signup_data").partner_id
        member.email = "signup.data@example.com"
        self.signup("Signup.Data@example.com")
        self.signup("someone.else@example.com")
        rows = json.loads(member._coop_data_export_json())["volunteer_signups"]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["street"], "Rue Haute 1")
        self.assertTrue(rows[0]["consent_text"])

    def test_an_erased_member_takes_their_sign_ups_along(self):
        member = self.env["res.partner"].create(
            {"name": "Signup Data", "email": "signup.data@example.com"}
        )
        mine = self.signup("signup.data@example.com")
        other = self.signup("someone.else@example.com")
        member._coop_anonymise()
        self.assertFalse(mine.exists())
        self.assertTrue(other.exists())
