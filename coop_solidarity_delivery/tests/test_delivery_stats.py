from datetime import datetime, timedelta

from odoo import fields

from .common import GRAND_PLACE, DeliveryCase


class TestDeliveryStats(DeliveryCase):
    """Match rate and median time to match, per month, for the coordinators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Coop des Marolles"})
        cls.beneficiary = cls.make_beneficiary("Rosa", GRAND_PLACE)
        cls.volunteer = cls.make_volunteer("Ahmed", GRAND_PLACE)

    def _request(self, state, hours_to_match=None, **values):
        searching = datetime(2026, 1, 1, 8, 0)
        stamps = {"date_searching": searching}
        if hours_to_match is not None:
            stamps["date_assigned"] = searching + timedelta(hours=hours_to_match)
        request = self.make_request(self.beneficiary, company_id=self.company.id, **values)
        # Written in SQL: the request's own steps would stamp the current time.
        request.flush_recordset()
        self.env.cr.execute(
            "UPDATE coop_delivery_request SET state = %s, date_searching = %s, "
            "date_assigned = %s WHERE id = %s",
            (state, stamps["date_searching"], stamps.get("date_assigned"), request.id),
        )
        request.invalidate_recordset()
        request.modified(["date_assigned", "date_searching"])
        return request

    def _stats(self):
        self.env.flush_all()
        return self.env["coop.delivery.stats"].search([("company_id", "=", self.company.id)])

    def test_match_rate_and_median_of_a_month(self):
        self._request("delivered", 1, deliverer_id=self.volunteer.id)
        self._request("delivered", 2, deliverer_id=self.volunteer.id)
        self._request("assigned", 9)
        self._request("failed")  # nobody accepted
        self._request("cancelled")  # cancelled before a match: left out
        stats = self._stats()
        self.assertEqual(len(stats), 1)
        self.assertRecordValues(
            stats,
            [
                {
                    "month": (fields.Date.today() + timedelta(days=2)).replace(day=1),
                    "request_count": 4,
                    "matched_count": 3,
                    "match_rate": 75.0,
                    "median_hours_to_match": 2.0,
                    "delivered_count": 2,
                    "failed_count": 1,
                    "volunteer_count": 1,
                }
            ],
        )

    def test_the_month_reads_as_a_month_in_the_reader_s_language(self):
        self._request("delivered", 1, deliverer_id=self.volunteer.id)
        stats = self._stats().with_context(lang="fr_FR")
        self.assertRegex(stats.month_label, r"^[a-zéû]+ \d{4}$")
        self.assertNotIn("/", stats.month_label)

    def test_the_match_rate_measure_averages_to_the_share_matched(self):
        for hours in (1, None, None, 3):
            self._request("searching" if hours is None else "assigned", hours)
        groups = self.env["coop.delivery.request"]._read_group(
            [("company_id", "=", self.company.id)], [], ["matched:avg"]
        )
        self.assertEqual(groups[0][0], 50.0)
