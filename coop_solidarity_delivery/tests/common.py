from datetime import timedelta

from odoo import fields
from odoo.fields import Command

from odoo.addons.website_sale_collect.tests.common import ClickAndCollectCommon


class DriveCommon(ClickAndCollectCommon):
    """Click & collect fixtures plus a weekly drive rule of the test store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.warehouse[:1]
        cls.in_store_dm.warehouse_ids = [Command.set(cls.warehouse.ids)]
        cls._add_product_qty_to_wh(cls.storable_product.id, 90, cls.warehouse.lot_stock_id.id)
        cls.rule = cls.env["coop.slot.rule"].create(
            {
                "carrier_id": cls.in_store_dm.id,
                "warehouse_id": cls.warehouse.id,
                "weekday": "1",
                "start_hour": 17.0,
                "end_hour": 19.0,
                "capacity": 2,
                "cutoff_hours": 12.0,
                "horizon_days": 15,
                "tz": "Europe/Paris",
            }
        )

    @classmethod
    def _create_slot(cls, hours_ahead=48, capacity=2, cutoff_hours=12, **values):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        return cls.env["coop.slot"].create(
            {
                "rule_id": cls.rule.id,
                "carrier_id": cls.in_store_dm.id,
                "warehouse_id": cls.warehouse.id,
                "start": start,
                "end": start + timedelta(hours=2),
                "cutoff": start - timedelta(hours=cutoff_hours),
                "capacity": capacity,
                **values,
            }
        )

    def _create_drive_order(self, slot=None, **values):
        order = self._create_in_store_delivery_order(
            warehouse_id=self.warehouse.id,
            order_line=[Command.create({"product_id": self.storable_product.id})],
            **values,
        )
        if slot:
            order._coop_set_slot(slot)
        return order
