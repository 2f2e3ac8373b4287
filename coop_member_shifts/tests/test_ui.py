from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCoopMenuTour(HttpCase):
    def test_shop_staff_opens_the_coop_app(self):
        new_test_user(
            self.env,
            login="coop_tour_staff",
            password="coop_tour_staff",
            groups="coop_member_shifts.group_coop_shop_staff",
        )
        self.start_tour("/odoo", "coop_member_shifts_open_coop_menu", login="coop_tour_staff")
