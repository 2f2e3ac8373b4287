from datetime import datetime, time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DriveCommon


@tagged("post_install", "-at_install")
class TestDriveBoardTour(HttpCase, DriveCommon):
    def test_staff_prepare_then_hand_over_an_order_from_the_board(self):
        staff = new_test_user(
            self.env,
            login="board_tour_staff",
            password="board_tour_staff",
            groups="coop_member_shifts.group_coop_shop_staff",
            tz="UTC",
        )
        # Today at noon (UTC): within today's slots whatever the browser's timezone.
        noon = datetime.combine(fields.Date.today(), time(12, 0))
        slot = self._create_slot()
        slot.write({"start": noon, "end": noon.replace(hour=14), "cutoff": noon.replace(hour=0)})
        self.partner.name = "Board Tour Member"
        order = self._create_drive_order()
        order.write({"coop_slot_id": slot.id, "commitment_date": noon})
        order.action_confirm()
        self.start_tour("/odoo", "coop_solidarity_delivery_drive_board", login=staff.login)
        self.assertEqual(order.coop_drive_state, "handed_over")
        self.assertEqual(order.picking_ids.state, "done")
