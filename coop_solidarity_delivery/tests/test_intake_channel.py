from odoo.exceptions import ValidationError
from odoo.tests import new_test_user

from .common import GRAND_PLACE, DeliveryCase


class TestIntakeChannel(DeliveryCase):
    """The call centre records how a caller wants to be reached, by the contact's rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.be")
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_intake_channel",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        cls.known = cls.make_beneficiary("Ginette Lefèvre", GRAND_PLACE)

    def intake(self, **values):
        values.setdefault("shopping_list", "Soup")
        return self.env["coop.delivery.intake"].with_user(self.call_centre_user).create(values)

    def test_a_new_caller_chooses_sms_on_their_mobile(self):
        action = self.intake(
            new_name="Lucien Marchal",
            new_mobile="0470 12 34 56",
            contact_channel="sms",
            consent=True,
            reason="isolated",
        ).action_create_request()
        member = self.env["coop.delivery.request"].browse(action["res_id"]).beneficiary_id
        self.assertEqual(member.coop_contact_channel, "sms")
        self.assertEqual(member._coop_sms_number(), "+32470123456")

    def test_a_known_caller_who_has_no_mobile_cannot_choose_sms(self):
        intake = self.intake(partner_id=self.known.id, contact_channel="sms")
        with (
            self.assertRaisesRegex(ValidationError, "cannot be reached by SMS"),
            self.env.cr.savepoint(),
        ):
            intake.action_create_request()
        self.env.invalidate_all()
        self.assertFalse(self.known.coop_contact_channel)
        Request = self.env["coop.delivery.request"]
        self.assertFalse(Request.search([("beneficiary_id", "=", self.known.id)]))

    def test_a_known_caller_chooses_a_phone_call(self):
        self.intake(partner_id=self.known.id, contact_channel="call").action_create_request()
        self.assertEqual(self.known.coop_reach_channel, "call")
