from odoo.tests import tagged

from .common import CoopCase


# Menus of every installed addon hang under the Coop root: check them once all are loaded.
@tagged("post_install", "-at_install")
class TestMenus(CoopCase):
    def test_shop_staff_opens_every_coop_menu(self):
        menus = self.assertMenusOpen(self.staff_user, "coop_member_shifts.menu_coop_root")
        self.assertIn(self.env.ref("coop_member_shifts.menu_coop_members"), menus)

    def test_shop_staff_does_not_see_configuration(self):
        menus = self.visible_menus(self.staff_user, "coop_member_shifts.menu_coop_root")
        self.assertNotIn(self.env.ref("coop_member_shifts.menu_coop_settings"), menus)

    def test_manager_opens_every_coop_menu(self):
        self.assertMenusOpen(self.manager_user, "coop_member_shifts.menu_coop_root")
