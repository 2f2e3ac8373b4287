from odoo.fields import Command
from odoo.tests import tagged

from .common import DriveCommon


@tagged("post_install", "-at_install")
class TestNeedsSlot(DriveCommon):
    """Whether an order picks a slot is computed for many orders at once, whatever they are:
    a backend order without a delivery method, a click & collect order of a store without
    slots, a drive order."""

    def test_orders_of_every_kind_together(self):
        plain = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Walk-in customer"}).id,
                "order_line": [Command.create({"product_id": self.storable_product.id})],
            }
        )
        drive = self._create_drive_order()
        orders = plain | drive
        self.assertEqual(orders.mapped("coop_needs_slot"), [False, True])
        plain.action_confirm()
        self.assertEqual(plain.state, "sale")
