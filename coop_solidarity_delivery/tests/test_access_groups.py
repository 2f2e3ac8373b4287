from odoo.tests import new_test_user

from .common import DeliveryCase


class TestDeliveryAccessGroups(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_test_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )

    def test_manager_is_delivery_coordinator(self):
        self.assertTrue(
            self.manager_user.has_group("coop_solidarity_delivery.group_coop_delivery_coordinator")
        )

    def test_call_centre_volunteer_is_not_shop_staff(self):
        self.assertFalse(
            self.call_centre_user.has_group("coop_member_shifts.group_coop_shop_staff")
        )

    def test_call_centre_volunteer_sees_the_coop_app(self):
        self.assertMenusOpen(self.call_centre_user, "coop_member_shifts.menu_coop_root")

    def test_delivery_coordinator_opens_drive_menus(self):
        menus = self.assertMenusOpen(self.coordinator_user, "coop_member_shifts.menu_coop_root")
        self.assertIn(self.env.ref("coop_solidarity_delivery.menu_coop_drive_orders"), menus)

    def test_shop_staff_work_from_the_drive_board(self):
        menus = self.assertMenusOpen(self.staff_user, "coop_member_shifts.menu_coop_root")
        self.assertIn(self.env.ref("coop_solidarity_delivery.menu_coop_drive_board"), menus)
        self.assertIn(self.env.ref("coop_solidarity_delivery.menu_coop_drive_orders"), menus)

    def test_only_coordinators_set_the_slot_rules(self):
        menus = self.visible_menus(self.staff_user, "coop_member_shifts.menu_coop_root")
        self.assertNotIn(self.env.ref("coop_solidarity_delivery.menu_coop_drive_slot_rules"), menus)
        self.assertNotIn(
            self.env.ref("coop_solidarity_delivery.menu_coop_drive_closing_days"), menus
        )
