from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.coop_member_shifts.tests.common import CoopCase
from odoo.addons.website_sale_collect.tests.common import ClickAndCollectCommon

# Brussels, far from the demo neighbourhood (Lyon): the Grand-Place and points around it.
GRAND_PLACE = (50.8467, 4.3525)
IXELLES = (50.8333, 4.3667)  # about 1.8 km
SCHAERBEEK = (50.8676, 4.3737)  # about 2.8 km
UCCLE = (50.8000, 4.3333)  # about 5.4 km


class DeliveryCase(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_delivery",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        cls.every_day = cls.env["coop.weekday"].search([])

    @classmethod
    def make_beneficiary(cls, name, point, **values):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "street": "Rue du Midi 1",
                "zip": "1000",
                "city": "Bruxelles",
                "phone": "+32 2 555 01 01",
                "partner_latitude": point[0],
                "partner_longitude": point[1],
                "coop_geo_state": "done",
                "coop_data_consent": True,
                "coop_is_beneficiary": True,
                **values,
            }
        )

    @classmethod
    def make_portal_beneficiary(cls, login, point, **values):
        """A portal user (password = login) eligible for delivery, located at ``point``."""
        user = new_test_user(cls.env, login=login, password=login, groups="base.group_portal")
        user.partner_id.write(
            {
                "partner_latitude": point[0],
                "partner_longitude": point[1],
                "coop_geo_state": "done",
                "coop_data_consent": True,
                "coop_is_beneficiary": True,
                **values,
            }
        )
        return user

    @classmethod
    def make_request(cls, beneficiary, **values):
        return cls.env["coop.delivery.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "delivery_date": fields.Date.today() + timedelta(days=2),
                "shopping_list": "Bread, milk, apples",
                "access_notes": "Code 1234, 3rd floor",
                **values,
            }
        )

    @classmethod
    def make_volunteer(cls, name, point, **values):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "partner_latitude": point[0],
                "partner_longitude": point[1],
                "coop_geo_state": "done",
                "coop_is_volunteer": True,
                "coop_can_deliver": True,
                "coop_notify_consent": True,
                "coop_radius_km": 5.0,
                "email": f"{name.lower().replace(' ', '.')}@example.com",
                "coop_weekday_ids": [(6, 0, cls.every_day.ids)],
                **values,
            }
        )


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
