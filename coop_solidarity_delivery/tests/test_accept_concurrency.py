from datetime import date, timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK


@tagged("post_install", "-at_install")
class TestAcceptConcurrency(BaseCase):
    """Two volunteers accept the same request in two transactions: one gets it."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"]
            days = env["coop.weekday"].search([])
            beneficiary = partners.create(
                {
                    "name": "Concurrency beneficiary",
                    "partner_latitude": GRAND_PLACE[0],
                    "partner_longitude": GRAND_PLACE[1],
                    "coop_geo_state": "done",
                    "coop_data_consent": True,
                    "coop_is_beneficiary": True,
                }
            )
            volunteers = partners.create(
                [
                    {
                        "name": f"Concurrency volunteer {index}",
                        "partner_latitude": point[0],
                        "partner_longitude": point[1],
                        "coop_is_volunteer": True,
                        "coop_can_deliver": True,
                        "coop_weekday_ids": [(6, 0, days.ids)],
                    }
                    for index, point in enumerate((IXELLES, SCHAERBEEK))
                ]
            )
            request = env["coop.delivery.request"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "delivery_date": date.today() + timedelta(days=1),
                    "shopping_list": "Bread",
                    "state": "searching",
                }
            )
            offers = env["coop.delivery.offer"].create(
                [
                    {
                        "request_id": request.id,
                        "volunteer_id": v.id,
                        "date_sent": fields.Datetime.now(),
                    }
                    for v in volunteers
                ]
            )
            self.request_id, self.offer_ids = request.id, offers.ids
            self.partner_ids = (beneficiary | volunteers).ids
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["coop.delivery.request"].browse(self.request_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_volunteers_accepting_at_once_one_wins(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            offer1 = env1["coop.delivery.offer"].browse(self.offer_ids[0])
            offer2 = env2["coop.delivery.offer"].browse(self.offer_ids[1])
            # Both volunteers open the page while the request is still free.
            self.assertEqual(offer1.request_id.state, "searching")
            self.assertEqual(offer2.request_id.state, "searching")

            self.assertEqual(offer1._accept(), "accepted")
            cr1.commit()

            # The second transaction started before the first committed: its update cannot
            # win, PostgreSQL refuses it...
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                offer2._accept()
            cr2.rollback()
            # ...and when Odoo retries it, the second volunteer is told politely.
            self.assertEqual(
                env2["coop.delivery.offer"].browse(self.offer_ids[1])._accept(), "lost"
            )
            cr2.commit()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            self.assertEqual(request.state, "assigned")
            self.assertEqual(
                request.deliverer_id.id,
                env["coop.delivery.offer"].browse(self.offer_ids[0]).volunteer_id.id,
            )
            self.assertEqual(request.offer_ids.mapped("state"), ["accepted", "lost"])
