from odoo.exceptions import UserError, ValidationError

from .common import DeliveryCase


class TestBeneficiary(DeliveryCase):
    def setUp(self):
        super().setUp()
        self.member = self.env["res.partner"].create({"name": "Marcel Roux"})

    def test_eligibility_requires_consent(self):
        with self.assertRaises(ValidationError):
            self.member.write({"coop_is_beneficiary": True})

    def test_approving_without_consent_is_refused(self):
        with self.assertRaises(UserError):
            self.member.with_user(self.coordinator_user).action_coop_approve_eligibility()
        self.assertFalse(self.member.coop_is_beneficiary)

    def test_approval_records_who_approved(self):
        self.member.write({"coop_data_consent": True, "coop_beneficiary_reason": "isolated"})
        self.member.with_user(self.coordinator_user).action_coop_approve_eligibility()
        self.assertTrue(self.member.coop_is_beneficiary)
        self.assertEqual(self.member.coop_eligibility_approved_by_id, self.coordinator_user)

    def test_map_link_points_to_openstreetmap(self):
        self.member.write({"partner_latitude": 45.7578, "partner_longitude": 4.832})
        self.assertIn("openstreetmap.org/?mlat=45.75780&mlon=4.83200", self.member.coop_map_url)
