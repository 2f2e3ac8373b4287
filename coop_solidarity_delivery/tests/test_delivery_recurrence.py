from datetime import timedelta

import psycopg2.errors

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import GRAND_PLACE, DeliveryCase


class TestDeliveryRecurrence(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls.make_beneficiary("Weekly Member", GRAND_PLACE)
        cls.today = fields.Date.today()
        cls.in_three_days = cls.today + timedelta(days=3)
        weekday = cls.env["coop.weekday"].search([("number", "=", cls.in_three_days.weekday())])
        cls.recurrence = cls.env["coop.delivery.recurrence"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "weekday_id": weekday.id,
                "date_start": cls.today,
                "shopping_list": "Weekly basket",
                "access_notes": "Code 99",
            }
        )

    def test_requests_of_the_next_two_weeks_are_created(self):
        requests = self.recurrence._create_requests()
        self.assertEqual(
            requests.mapped("delivery_date"),
            [self.in_three_days, self.in_three_days + timedelta(7)],
        )
        self.assertEqual(requests[0].shopping_list, "Weekly basket")
        self.assertEqual(requests[0].access_notes, "Code 99")

    def test_running_twice_creates_nothing_new(self):
        self.recurrence._create_requests()
        self.assertFalse(self.recurrence._create_requests())
        self.assertEqual(len(self.recurrence.request_ids), 2)

    @mute_logger("odoo.sql_db")
    def test_a_date_cannot_hold_two_requests_of_the_same_recurrence(self):
        self.recurrence._create_requests()
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            self.env["coop.delivery.request"].create(
                self.recurrence._prepare_request_values(self.in_three_days)
            )

    def test_closing_days_are_skipped(self):
        self.env["coop.closing.day"].create({"date": self.in_three_days, "name": "Holiday"})
        requests = self.recurrence._create_requests()
        self.assertEqual(requests.mapped("delivery_date"), [self.in_three_days + timedelta(7)])

    def test_pause_cancels_the_coming_requests_and_resume_recreates_them(self):
        self.recurrence._create_requests()
        self.recurrence.action_pause()
        self.assertEqual(set(self.recurrence.request_ids.mapped("state")), {"cancelled"})
        self.assertFalse(self.recurrence._create_requests())
        self.recurrence.action_resume()
        self.assertEqual(self.recurrence.state, "active")

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self.recurrence.date_end = self.today - timedelta(days=1)
