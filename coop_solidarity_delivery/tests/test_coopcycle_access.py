"""Who reads the CoopCycle credentials of a courier method, and who tests them."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_coopcycle import CourierCommon


@tagged("post_install", "-at_install")
class TestCoopCycleAccess(CourierCommon):
    SECRETS = ("coopcycle_client_id", "coopcycle_client_secret", "coopcycle_webhook_secret")

    def test_the_coordinator_reads_the_credentials(self):
        carrier = self.courier.with_user(self.coordinator_user)
        self.assertEqual(
            carrier.read(list(self.SECRETS))[0]["coopcycle_client_secret"], "coop-secret"
        )

    def test_staff_and_portal_never_read_the_credentials(self):
        staff = new_test_user(
            self.env, login="coop_courier_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        portal = new_test_user(self.env, login="coop_courier_portal2", groups="base.group_portal")
        for user in (staff, portal):
            for field in self.SECRETS:
                with self.subTest(user=user.login, field=field), self.assertRaises(AccessError):
                    self.courier.with_user(user).read([field])

    def test_the_connection_test_says_when_the_credentials_are_wrong(self):
        self.courier.coopcycle_client_secret = "wrong"
        with self.assertRaises(UserError):
            self.courier.with_user(self.coordinator_user).action_coopcycle_test_connection()

    def test_the_connection_test_succeeds_with_the_right_credentials(self):
        action = self.courier.with_user(self.coordinator_user).action_coopcycle_test_connection()
        self.assertEqual(action["params"]["type"], "success")
