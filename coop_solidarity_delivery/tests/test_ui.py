from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDriveMenuTour(HttpCase):
    def test_delivery_coordinator_opens_drive_orders(self):
        new_test_user(
            self.env,
            login="coop_tour_delivery",
            password="coop_tour_delivery",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        self.start_tour(
            "/odoo", "coop_solidarity_delivery_open_drive_orders", login="coop_tour_delivery"
        )
