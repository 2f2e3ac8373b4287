"""Five runs of the standing orders' job, and five additions of one product, at once."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import committed_env, kinds, run_at_once


@tagged("post_install", "-at_install")
class TestStandingOrderAtOnce(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._clean_up)
        with committed_env(cls.registry) as env:
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            service = env["product.product"].create(
                {"name": "Race standing pickup", "type": "service", "list_price": 0}
            )
            product = env["product.product"].create(
                {
                    "name": "Race standing rice",
                    "type": "consu",
                    "list_price": 2.0,
                    "is_published": True,
                    "sale_ok": True,
                }
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Race standing drive",
                    "delivery_type": "in_store",
                    "product_id": service.id,
                    "warehouse_ids": [Command.set(warehouse.ids)],
                }
            )
            day = fields.Date.today() + timedelta(days=2)
            rule = env["coop.slot.rule"].create(
                {
                    "carrier_id": carrier.id,
                    "warehouse_id": warehouse.id,
                    "weekday": str(day.weekday()),
                    "start_hour": 14.0,
                    "end_hour": 16.0,
                    "cutoff_hours": 12.0,
                    "horizon_days": 15,
                    "tz": "UTC",
                    "capacity": 5,
                }
            )
            rule._generate_slots()
            # Reached by e-mail (queued): a member reached by phone would give the call centre
            # an activity, whose notification Odoo sends right after the commit, through the
            # registry the test runner holds.
            partner = env["res.partner"].create(
                {"name": "Race standing member", "email": "race.standing@example.com"}
            )
            standing = env["coop.standing.order"].create(
                {
                    "partner_id": partner.id,
                    "rule_id": rule.id,
                    "line_ids": [Command.create({"product_id": service.id, "quantity": 1})],
                }
            )
            cls.ids = {
                "service": service.id,
                "product": product.id,
                "carrier": carrier.id,
                "rule": rule.id,
                "partner": partner.id,
                "standing": standing.id,
            }

    @classmethod
    def _clean_up(cls):
        with committed_env(cls.registry) as env:
            standing = env["coop.standing.order"].browse(cls.ids["standing"])
            orders = standing.order_ids
            pickings = orders.picking_ids
            orders._action_cancel()
            pickings.move_ids.unlink()
            pickings.unlink()
            orders.unlink()
            standing.unlink()
            rule = env["coop.slot.rule"].browse(cls.ids["rule"])
            env["coop.slot"].search([("rule_id", "=", rule.id)]).unlink()
            rule.unlink()
            env["delivery.carrier"].browse(cls.ids["carrier"]).unlink()
            env["product.product"].browse([cls.ids["service"], cls.ids["product"]]).unlink()
            env["res.partner"].browse(cls.ids["partner"]).unlink()

    def test_five_runs_at_once_make_one_order_for_the_week(self):
        def work(env, _index):
            env["coop.standing.order"].browse(self.ids["standing"])._coop_run_week()

        outcomes = run_at_once(self.registry, work)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        with committed_env(self.registry) as env:
            standing = env["coop.standing.order"].browse(self.ids["standing"])
            self.assertEqual(len(standing.order_ids), 1)

    def test_five_additions_of_a_product_at_once_give_one_line(self):
        def work(env, _index):
            standing = env["coop.standing.order"].browse(self.ids["standing"])
            standing._coop_add_product(env["product.product"].browse(self.ids["product"]), 1)

        outcomes = run_at_once(self.registry, work)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        with committed_env(self.registry) as env:
            standing = env["coop.standing.order"].browse(self.ids["standing"])
            line = standing.line_ids.filtered(lambda l: l.product_id.id == self.ids["product"])
            self.assertEqual(len(line), 1)
            self.assertEqual(line.quantity, 5)
