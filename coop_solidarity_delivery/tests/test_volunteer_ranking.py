import random

from odoo.exceptions import ValidationError

from odoo.addons.coop_solidarity_delivery.tools import volunteer_ranking

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, UCCLE, DeliveryCase

MONDAY, SUNDAY = 0, 6


class TestVolunteerRanking(DeliveryCase):
    def rank(self, weekday=MONDAY, **kwargs):
        partners = self.env["res.partner"]
        return partners._coop_rank_volunteers(*GRAND_PLACE, weekday, **kwargs)

    def test_nearest_volunteer_first_with_distance(self):
        far = self.make_volunteer("Far", SCHAERBEEK)
        near = self.make_volunteer("Near", IXELLES)
        ranked = self.rank()
        self.assertEqual([partner for partner, _km in ranked], [near, far])
        self.assertAlmostEqual(ranked[0][1], 1.79, delta=0.05)

    def test_volunteer_outside_their_radius_is_not_asked(self):
        self.make_volunteer("Uccle", UCCLE, coop_radius_km=5)
        self.assertEqual(self.rank(), [])

    def test_settings_cap_the_radius(self):
        self.make_volunteer("Keen", UCCLE, coop_radius_km=50)
        self.env["ir.config_parameter"].sudo().set_param(
            "coop_solidarity_delivery.max_radius_km", 5
        )
        self.assertEqual(self.rank(), [])

    def test_volunteer_not_available_that_day_is_not_asked(self):
        weekdays = self.env["coop.weekday"].search([("number", "in", (5, 6))])
        volunteer = self.make_volunteer("Weekend", IXELLES, coop_weekday_ids=[(6, 0, weekdays.ids)])
        self.assertEqual(self.rank(MONDAY), [])
        self.assertEqual(self.rank(SUNDAY)[0][0], volunteer)

    def test_volunteer_at_weekly_maximum_is_not_asked(self):
        busy = self.make_volunteer("Busy", IXELLES, coop_weekly_max=2)
        free = self.make_volunteer("Free", SCHAERBEEK, coop_weekly_max=2)
        ranked = self.rank(weekly_counts={busy.id: 2, free.id: 1})
        self.assertEqual([partner for partner, _km in ranked], [free])

    def test_volunteer_without_notification_consent_is_not_asked(self):
        self.make_volunteer("Quiet", IXELLES, coop_notify_consent=False)
        self.assertEqual(self.rank(), [])

    def test_volunteer_without_coordinates_is_not_asked(self):
        self.make_volunteer("Nowhere", (0.0, 0.0), coop_geo_state="failed")
        self.assertEqual(self.rank(), [])

    def test_preparers_are_ranked_for_preparation(self):
        preparer = self.make_volunteer(
            "Preparer", IXELLES, coop_can_deliver=False, coop_can_prepare=True
        )
        self.assertEqual(self.rank(), [])
        self.assertEqual(self.rank(role="prepare")[0][0], preparer)

    def test_limit_keeps_the_nearest_volunteers(self):
        self.make_volunteer("Far", SCHAERBEEK)
        near = self.make_volunteer("Near", IXELLES)
        self.assertEqual(self.rank(limit=1), [(near, self.rank()[0][1])])

    def test_volunteers_already_asked_are_left_out(self):
        asked = self.make_volunteer("Asked", IXELLES)
        other = self.make_volunteer("Other", SCHAERBEEK)
        ranked = self.rank(exclude_ids=asked.ids, limit=1)
        self.assertEqual([partner for partner, _km in ranked], [other])

    def test_the_database_ranks_as_the_reference_ranking(self):
        """The SQL ranking gives the volunteers, order and distances of the pure-Python one."""
        rng = random.Random(7)
        candidates = []
        for index in range(60):
            point = (
                GRAND_PLACE[0] + rng.uniform(-0.1, 0.1),
                GRAND_PLACE[1] + rng.uniform(-0.15, 0.15),
            )
            days = rng.sample(self.every_day.ids, rng.randint(1, 7))
            volunteer = self.make_volunteer(
                f"Random {index}",
                point,
                coop_radius_km=rng.choice((1.5, 3, 5, 8, 20)),
                coop_weekly_max=rng.choice((0, 1, 2)),
                coop_weekday_ids=[(6, 0, days)],
            )
            candidates.append(volunteer)
        counts = {volunteer.id: rng.randint(0, 2) for volunteer in candidates}
        max_radius = self.env["res.partner"]._coop_max_radius_km()
        self.env.invalidate_all()  # coordinates as stored
        reference = volunteer_ranking.rank_volunteers(
            *GRAND_PLACE,
            [
                volunteer_ranking.Candidate(
                    id=volunteer.id,
                    latitude=volunteer.partner_latitude,
                    longitude=volunteer.partner_longitude,
                    radius_km=min(volunteer.coop_radius_km, max_radius),
                    weekdays=frozenset(volunteer.coop_weekday_ids.mapped("number")),
                    weekly_max=volunteer.coop_weekly_max,
                    weekly_count=counts[volunteer.id],
                )
                for volunteer in candidates
            ],
            MONDAY,
        )
        ranked = self.rank(weekly_counts=counts)
        self.assertTrue(reference, "the sample has volunteers in range")
        self.assertEqual(
            [partner.id for partner, _km in ranked], [cand.id for cand, _km in reference]
        )
        for (_partner, km), (_candidate, expected) in zip(ranked, reference, strict=True):
            self.assertAlmostEqual(km, expected, places=9)

    def test_a_delivering_volunteer_needs_a_radius(self):
        with self.assertRaises(ValidationError):
            self.make_volunteer("Zero", IXELLES, coop_radius_km=0)

    def test_ranking_queries_do_not_grow_with_the_number_of_volunteers(self):
        """One query: distance, radius, weekly maximum, order and limit are in SQL."""
        for index in range(5):
            self.make_volunteer(f"First {index}", IXELLES)
        self.rank()  # the maximum radius setting is cached from now on
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(len(self.rank()), 5)
        for index in range(40):
            self.make_volunteer(f"More {index}", SCHAERBEEK)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(len(self.rank()), 45)
