"""The delivery team's view of the next days: who holds each request, who gave it back, who
cannot be reached by any channel (computed and searched alike), in a bounded number of
queries."""

from odoo import fields
from odoo.tests import tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase

NO_CHANNEL = {"email": False, "phone": False, "mobile": False}
# The day view's list, as the web client asks for it.
LIST_SPEC = {
    "delivery_date": {},
    "slot_id": {"fields": {"display_name": {}}},
    "name": {},
    "beneficiary_id": {"fields": {"display_name": {}}},
    "district": {},
    "deliverer_id": {"fields": {"display_name": {}}},
    "preparer_id": {"fields": {"display_name": {}}},
    "given_back_by_ids": {"fields": {"display_name": {}}},
    "unreachable_ids": {"fields": {"display_name": {}}},
    "has_unreachable": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestDayView(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["coop.delivery.request"]
        cls.vera = cls.make_volunteer("Vera Day", IXELLES)
        cls.silent = cls.make_volunteer("Silent Sam", SCHAERBEEK, **NO_CHANNEL)
        cls.odile = cls.make_beneficiary("Odile Phone", GRAND_PLACE, email=False)
        cls.nadia = cls.make_beneficiary("Nadia Nochannel", GRAND_PLACE, **NO_CHANNEL)
        cls.empty = cls.make_beneficiary("Emma Empty", GRAND_PLACE, email="", phone="")
        cls.given_back = cls.make_request(cls.odile)
        cls.unreachable_beneficiary = cls.make_request(cls.nadia)
        cls.unreachable_volunteer = cls.make_request(cls.odile)
        cls.reached = cls.make_request(cls.odile)
        cls.empty_strings = cls.make_request(cls.empty)
        for request, volunteer in (
            (cls.given_back, cls.vera),
            (cls.unreachable_volunteer, cls.silent),
            (cls.reached, cls.vera),
        ):
            cls.offer(request, volunteer)
        offer = cls.given_back.offer_ids
        cls.given_back.state = "searching"
        offer._accept()
        cls.given_back._coop_give_back(cls.vera, "ill")
        cls.requests = (
            cls.given_back
            | cls.unreachable_beneficiary
            | cls.unreachable_volunteer
            | cls.reached
            | cls.empty_strings
        )

    @classmethod
    def offer(cls, request, volunteer):
        return cls.env["coop.delivery.offer"].create(
            {
                "request_id": request.id,
                "volunteer_id": volunteer.id,
                "search_round": request.search_round,
                "date_sent": fields.Datetime.now(),
            }
        )

    def test_assigned_given_back_and_unreachable(self):
        self.assertEqual(self.given_back.given_back_by_ids, self.vera)
        self.assertFalse(self.given_back.deliverer_id)
        self.assertEqual(self.unreachable_beneficiary.unreachable_ids, self.nadia)
        self.assertEqual(self.unreachable_volunteer.unreachable_ids, self.silent)
        # A phone is a channel; an empty e-mail and phone are none.
        self.assertFalse(self.reached.unreachable_ids)
        self.assertEqual(self.empty_strings.unreachable_ids, self.empty)
        # Once the silent volunteer's offer is taken by another, they are no longer awaited.
        self.unreachable_volunteer.offer_ids.state = "lost"
        self.assertFalse(self.unreachable_volunteer.has_unreachable)

    def test_search_agrees_with_compute(self):
        domain = [("id", "in", self.requests.ids)]
        for field, operator, value in (
            ("has_unreachable", "=", True),
            ("has_unreachable", "=", False),
            ("has_unreachable", "!=", True),
            ("unreachable_ids", "!=", False),
            ("unreachable_ids", "=", False),
            ("unreachable_ids", "in", self.silent.ids),
            ("unreachable_ids", "not in", self.silent.ids),
            ("unreachable_ids", "ilike", "nadia"),
            ("given_back_by_ids", "!=", False),
            ("given_back_by_ids", "in", self.vera.ids),
        ):
            with self.subTest(field=field, operator=operator, value=value):
                found = self.Request.search([*domain, (field, operator, value)])
                expected = self.requests.filtered_domain([(field, operator, value)])
                self.assertEqual(found, expected)
                self.assertTrue(found or operator in ("=", "not in"))

    def test_the_coordinator_reads_the_day_view(self):
        rows = self.Request.with_user(self.coordinator_user).web_search_read(
            [("id", "in", self.requests.ids)], LIST_SPEC
        )["records"]
        by_id = {row["id"]: row for row in rows}
        self.assertEqual(
            [p["id"] for p in by_id[self.given_back.id]["given_back_by_ids"]], self.vera.ids
        )
        self.assertTrue(by_id[self.unreachable_beneficiary.id]["has_unreachable"])

    def test_loading_thirty_requests_takes_a_bounded_number_of_queries(self):
        beneficiaries = [self.odile, self.nadia, self.empty]
        many, expected = self.Request, 0
        for index in range(30):
            beneficiary, volunteer = beneficiaries[index % 3], (self.vera, self.silent)[index % 2]
            request = self.make_request(beneficiary)
            self.offer(request, volunteer)
            many |= request
            expected += beneficiary != self.odile or volunteer == self.silent
        Request = self.Request.with_user(self.coordinator_user)
        self.env.invalidate_all()
        Request.web_search_read([("id", "in", many.ids)], LIST_SPEC)  # warm the caches of the user
        self.env.invalidate_all()
        # 7 today: the search, the requests, their slots, the contacts' names and channels,
        # the given-back table, the offers; none of them per request.
        with self.assertQueryCount(8):
            rows = Request.web_search_read([("id", "in", many.ids)], LIST_SPEC)["records"]
        self.assertEqual(len(rows), 30)
        self.assertEqual(sum(row["has_unreachable"] for row in rows), expected)
