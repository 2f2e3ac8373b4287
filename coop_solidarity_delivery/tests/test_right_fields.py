"""Fields that grant a right are written only by the method that checks who may (issue 22,
point 4): tried through the ORM as a user of each group, as an RPC write would be."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, IXELLES, DeliveryCase

CALL_CENTRE = "coop_solidarity_delivery.group_coop_call_centre"
# AccessError is a UserError: either refusal.
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestRightFields(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(cls.env, login="coop_rf_call", groups=CALL_CENTRE)
        cls.staff_user = new_test_user(
            cls.env, login="coop_rf_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        cls.portal_user = new_test_user(cls.env, login="coop_rf_portal", groups="base.group_portal")
        cls.member = cls.env["res.partner"].create({"name": "Rf Member"})
        cls.beneficiary = cls.make_beneficiary("Rf Beneficiary", GRAND_PLACE)
        cls.volunteer = cls.make_volunteer("Rf Volunteer", IXELLES)

    def lesser_users(self):
        return (self.call_centre_user, self.staff_user, self.portal_user)

    # === A volunteer's rights ===#

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_but_a_coordinator_makes_a_contact_a_volunteer(self):
        for user in self.lesser_users():
            for target in (self.member, user.partner_id):
                for values in ({"coop_is_volunteer": True}, {"coop_can_deliver": True}):
                    with (
                        self.subTest(user=user.login, target=target.name, values=values),
                        self.assertRaises(REFUSED),
                    ):
                        target.with_user(user).write(values)
            with self.subTest(user=user.login, create=True), self.assertRaises(REFUSED):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Forged", "coop_is_volunteer": True, "coop_can_deliver": True}
                )
            with self.subTest(user=user.login, approve=True), self.assertRaises(REFUSED):
                user.partner_id.with_user(user).action_coop_approve_volunteer()
        self.assertFalse(self.member.coop_is_volunteer or self.member.coop_can_deliver)

    def test_the_call_centre_still_edits_a_contact_and_creates_one(self):
        self.member.with_user(self.call_centre_user).write(
            {"phone": "+32 2 555 09 09", "coop_is_volunteer": False}
        )
        partner = (
            self.env["res.partner"]
            .with_user(self.call_centre_user)
            .create({"name": "Plain Contact", "coop_is_volunteer": False})
        )
        self.assertFalse(partner.coop_is_volunteer)

    def test_the_approval_makes_a_volunteer(self):
        self.member.with_user(self.coordinator_user).action_coop_approve_volunteer()
        self.assertTrue(self.member.coop_is_volunteer)
        self.assertEqual(self.member.coop_volunteer_approved_by_id, self.coordinator_user)

    def test_a_coordinator_sets_the_roles_by_hand(self):
        self.member.with_user(self.coordinator_user).write(
            {"coop_is_volunteer": True, "coop_can_deliver": True, "coop_can_call": True}
        )
        self.assertTrue(self.member.coop_can_deliver)

    # === Eligibility ===#

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_writes_the_eligibility_directly(self):
        self.member.coop_data_consent = True
        for user in (self.coordinator_user, *self.lesser_users()):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.member.with_user(user).write({"coop_is_beneficiary": True})
            with self.subTest(user=user.login, withdraw=True), self.assertRaises(AccessError):
                self.beneficiary.with_user(user).write({"coop_is_beneficiary": False})
        self.assertFalse(self.member.coop_is_beneficiary)
        self.assertTrue(self.beneficiary.coop_is_beneficiary)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_only_a_coordinator_runs_the_eligibility_actions(self):
        self.member.coop_data_consent = True
        for user in self.lesser_users():
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.member.with_user(user).action_coop_approve_eligibility()
            with self.subTest(user=user.login, withdraw=True), self.assertRaises(AccessError):
                self.beneficiary.with_user(user).action_coop_withdraw_eligibility()
        self.member.with_user(self.coordinator_user).action_coop_approve_eligibility()
        self.assertTrue(self.member.coop_is_beneficiary)
        self.assertEqual(self.member.coop_eligibility_approved_by_id, self.coordinator_user)
        self.beneficiary.with_user(self.coordinator_user).action_coop_withdraw_eligibility()
        self.assertFalse(self.beneficiary.coop_is_beneficiary)

    # === A volunteer sign-up's count of e-mails ===#

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_writes_the_count_of_e_mails_of_a_signup(self):
        signup = self.env["coop.volunteer.signup"]._coop_submit(
            {
                "name": "Rf Signup",
                "email": "rf.signup@example.com",
                "street": "Rue Haute 1",
                "zip": "1000",
                "city": "Bruxelles",
                "can_call": True,
                "contact_consent": True,
                "address_consent": True,
            }
        )
        for user in (self.coordinator_user, *self.lesser_users()):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                signup.with_user(user).write({"mail_count": 0})
        self.assertEqual(signup.mail_count, 1)

    # === A delivery request's state, preparer and deliverer ===#

    def assigned_request(self, **values):
        request = self.make_request(self.beneficiary)
        request.write({"state": "assigned", "deliverer_id": self.volunteer.id, **values})
        return request

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_but_a_coordinator_moves_a_request_by_hand(self):
        request = self.make_request(self.beneficiary)
        for user in self.lesser_users():
            for values in (
                {"state": "assigned"},
                {"deliverer_id": user.partner_id.id},
                {"preparer_id": user.partner_id.id},
            ):
                with self.subTest(user=user.login, values=values), self.assertRaises(AccessError):
                    request.with_user(user).write(values)
            with self.subTest(user=user.login, create=True), self.assertRaises(AccessError):
                self.env["coop.delivery.request"].with_user(user).create(
                    {
                        "beneficiary_id": self.beneficiary.id,
                        "delivery_date": request.delivery_date,
                        "shopping_list": "Bread",
                        "deliverer_id": user.partner_id.id,
                        "state": "assigned",
                    }
                )
        self.assertEqual(request.state, "new")
        self.assertFalse(request.deliverer_id)
        request.with_user(self.coordinator_user).write({"deliverer_id": self.volunteer.id})
        self.assertEqual(request.deliverer_id, self.volunteer)

    def test_the_call_centre_still_creates_and_steps_a_request(self):
        request = (
            self.env["coop.delivery.request"]
            .with_user(self.call_centre_user)
            .create(
                {
                    "beneficiary_id": self.beneficiary.id,
                    "delivery_date": self.make_request(self.beneficiary).delivery_date,
                    "shopping_list": "Bread",
                    "state": "new",
                }
            )
        )
        request.sudo().write({"state": "assigned", "deliverer_id": self.volunteer.id})
        request.action_start_preparing()
        request.action_out_for_delivery()
        request.action_delivered()
        self.assertEqual(request.state, "delivered")
        self.assertEqual(self.ledger(request).partner_id, self.volunteer)

    def ledger(self, request):
        return self.env["coop.work.entry"].search(
            [("origin", "=", f"{request._name},{request.id}")]
        )

    def test_the_call_centre_does_not_credit_itself(self):
        request = self.assigned_request(preparer_id=self.call_centre_user.partner_id.id)
        with self.assertRaises(UserError):
            request.with_user(self.call_centre_user).action_delivered()
        self.assertEqual(request.state, "assigned")
        self.assertFalse(self.ledger(request))

    def test_nobody_marks_delivered_what_credits_them(self):
        request = self.assigned_request(deliverer_id=self.coordinator_user.partner_id.id)
        with self.assertRaises(UserError):
            request.with_user(self.coordinator_user).action_delivered()
        self.assertFalse(self.ledger(request))
        other = new_test_user(
            self.env,
            login="coop_rf_other_coordinator",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        request.with_user(other).action_delivered()
        self.assertEqual(self.ledger(request).partner_id, self.coordinator_user.partner_id)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_shop_staff_and_portal_cannot_step_a_request(self):
        request = self.assigned_request()
        for user in (self.staff_user, self.portal_user):
            for action in ("action_start_preparing", "action_delivered", "action_cancel"):
                with self.subTest(user=user.login, action=action), self.assertRaises(AccessError):
                    getattr(request.with_user(user), action)()
        self.assertEqual(request.state, "assigned")
