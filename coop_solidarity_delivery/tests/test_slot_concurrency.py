from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("-at_install", "post_install")
class TestLastSeatConcurrency(BaseCase):
    """Two checkouts race for the last seat of a slot, each in its own transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._clean_up)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            service = env["product.product"].create(
                {"name": "Race test pickup", "type": "service", "list_price": 0}
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Race test drive",
                    "delivery_type": "in_store",
                    "product_id": service.id,
                    "warehouse_ids": [Command.set(warehouse.ids)],
                }
            )
            start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
            slot = env["coop.slot"].create(
                {
                    "carrier_id": carrier.id,
                    "warehouse_id": warehouse.id,
                    "start": start,
                    "end": start + timedelta(hours=2),
                    "cutoff": start - timedelta(hours=12),
                    "capacity": 1,
                }
            )
            partner = env["res.partner"].create({"name": "Race test member"})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "carrier_id": carrier.id,
                        "warehouse_id": warehouse.id,
                        "coop_slot_id": slot.id,
                        "order_line": [Command.create({"product_id": service.id})],
                    }
                    for _index in range(2)
                ]
            )
            cls.race = {
                "service": service.id,
                "carrier": carrier.id,
                "slot": slot.id,
                "partner": partner.id,
                "orders": orders.ids,
            }

    @classmethod
    def _clean_up(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(cls.race["orders"])
            orders._action_cancel()
            orders.unlink()
            env["coop.slot"].browse(cls.race["slot"]).unlink()
            env["delivery.carrier"].browse(cls.race["carrier"]).unlink()
            env["product.product"].browse(cls.race["service"]).unlink()
            env["res.partner"].browse(cls.race["partner"]).unlink()

    def _confirm(self, cr, order_id):
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["sale.order"].browse(order_id).action_confirm()

    @mute_logger("odoo.sql_db")
    def test_the_last_seat_is_not_sold_twice(self):
        first_id, second_id = self.race["orders"]
        with self.registry.cursor() as cr_first, self.registry.cursor() as cr_second:
            # The second checkout has read the slot (one seat left) before the first pays.
            env_second = api.Environment(cr_second, SUPERUSER_ID, {})
            self.assertEqual(env_second["coop.slot"].browse(self.race["slot"]).seats_left, 1)

            self._confirm(cr_first, first_id)
            cr_first.commit()

            # Its stale snapshot cannot book the seat: the lock refuses it...
            with self.assertRaises((psycopg2.errors.SerializationFailure, UserError)):
                self._confirm(cr_second, second_id)
            cr_second.rollback()

        # ... and the retry of the request, with fresh data, says the slot is full.
        with self.registry.cursor() as cr_retry:
            with self.assertRaisesRegex(UserError, "full"):
                self._confirm(cr_retry, second_id)
            cr_retry.rollback()
            env = api.Environment(cr_retry, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(self.race["orders"])
            self.assertEqual(orders.mapped("state"), ["sale", "draft"])
            self.assertEqual(env["coop.slot"].browse(self.race["slot"]).booked_count, 1)
