"""Volunteers' self-service on the portal: the rules, through the ORM as a portal user."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.fuzz_values import HUGE, LONG, NUL, SCRIPT

from .common import GRAND_PLACE, IXELLES, DeliveryCase

MONDAY = 0


def portal_volunteer(env, login, point, **values):
    """A portal user (password = login, English) who volunteers for deliveries at ``point``,
    living in the coop's time zone (their day is the coop's, at any hour of the run)."""
    user = new_test_user(
        env,
        login=login,
        password=login,
        groups="base.group_portal",
        lang="en_US",
        tz=env.user.tz or "Europe/Paris",
    )
    user.partner_id.write(
        {
            "partner_latitude": point[0],
            "partner_longitude": point[1],
            "coop_geo_state": "done",
            "coop_is_volunteer": True,
            "coop_can_deliver": True,
            "coop_can_call": True,
            "coop_notify_consent": True,
            "coop_radius_km": 5.0,
            "coop_transport": "foot",
            "coop_weekly_max": 2,
            "coop_weekday_ids": [(6, 0, env["coop.weekday"].search([]).ids)],
            "email": f"{login}@example.com",
            **values,
        }
    )
    return user


@tagged("post_install", "-at_install")
class TestVolunteerPortal(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = portal_volunteer(cls.env, "coop_vp_volunteer", IXELLES)
        cls.volunteer = cls.user.partner_id
        cls.other_user = portal_volunteer(cls.env, "coop_vp_other", IXELLES)
        cls.today = fields.Date.context_today(cls.volunteer)
        cls.form = {
            "coop_can_prepare": "",
            "coop_can_deliver": "on",
            "coop_can_call": "",
            "coop_transport": "bike",
            "coop_radius_km": "4,5",
            "coop_weekly_max": "3",
        }
        cls.weekend = cls.env["coop.weekday"].search([("number", "in", (5, 6))])

    def mine(self, user=None):
        return self.volunteer.with_user(user or self.user)

    def ranked(self):
        partners = self.env["res.partner"]
        return [partner for partner, _km in partners._coop_rank_volunteers(*GRAND_PLACE, MONDAY)]

    def save(self, weekday_ids=None, **changes):
        days = [str(day) for day in (self.weekend.ids if weekday_ids is None else weekday_ids)]
        self.mine()._coop_volunteer_portal_save({**self.form, **changes}, days)

    # === PROFILE ===#

    def test_volunteer_saves_their_own_profile(self):
        self.save()
        self.assertRecordValues(
            self.volunteer,
            [
                {
                    "coop_can_prepare": False,
                    "coop_can_deliver": True,
                    "coop_can_call": False,
                    "coop_transport": "bike",
                    "coop_radius_km": 4.5,
                    "coop_weekly_max": 3,
                }
            ],
        )
        self.assertEqual(self.volunteer.coop_weekday_ids, self.weekend)

    def test_portal_user_cannot_save_someone_elses_profile(self):
        with self.assertRaises(AccessError):
            self.mine(self.other_user)._coop_volunteer_portal_save(self.form, self.weekend.ids)
        self.assertEqual(self.volunteer.coop_transport, "foot")

    def test_portal_user_cannot_write_the_profile_directly(self):
        with self.assertRaises(AccessError):
            self.mine().write({"coop_radius_km": 1.0})

    def test_a_contact_who_is_not_a_volunteer_cannot_save_a_profile(self):
        self.volunteer.coop_is_volunteer = False
        with self.assertRaises(AccessError):
            self.save()

    def test_nonsense_in_each_field_is_refused_with_nothing_saved(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "coop_solidarity_delivery.max_radius_km", 10
        )
        numbers = ("", "nan", "inf", "-inf", "1e308", HUGE, "-1", SCRIPT, NUL, LONG)
        table = [
            ("coop_radius_km", (*numbers, "0", "10.5")),
            ("coop_weekly_max", (*numbers, "2.5", "22")),
            ("coop_transport", ("", "plane", SCRIPT, LONG)),
            ("coop_can_deliver", (SCRIPT, "yes", LONG)),
        ]
        for field, values in table:
            for value in values:
                with (
                    self.subTest(field=field, value=value[:20]),
                    self.assertRaises(ValidationError),
                ):
                    self.save(**{field: value})
        other_ids = (
            str(2**31),
            "-1",
            SCRIPT,
            "0",
            str(self.env["res.partner"].search([], limit=1).id),
        )
        for value in other_ids:
            with self.subTest(field="weekday_ids", value=value), self.assertRaises(ValidationError):
                self.save(weekday_ids=[value])
        self.assertEqual(self.volunteer.coop_transport, "foot")
        self.assertEqual(self.volunteer.coop_radius_km, 5.0)

    def test_a_profile_without_any_role_or_day_is_refused(self):
        with self.assertRaises(ValidationError):
            self.save(coop_can_deliver="")
        with self.assertRaises(ValidationError):
            self.save(weekday_ids=[])

    def test_the_radius_may_not_pass_the_maximum_of_the_settings(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "coop_solidarity_delivery.max_radius_km", 3
        )
        with self.assertRaises(ValidationError):
            self.save(coop_radius_km="3.5")
        self.save(coop_radius_km="3")
        self.assertEqual(self.volunteer.coop_radius_km, 3.0)

    # === HOLIDAYS ===#

    def test_a_volunteer_on_holiday_is_not_ranked(self):
        self.assertIn(self.volunteer, self.ranked())
        self.mine()._coop_volunteer_portal_pause(str(self.today + timedelta(days=7)))
        self.assertEqual(self.volunteer.coop_volunteer_paused_until, self.today + timedelta(days=7))
        self.assertNotIn(self.volunteer, self.ranked())
        self.assertIn(self.other_user.partner_id, self.ranked())

    def test_a_volunteer_is_ranked_again_after_their_holiday(self):
        self.volunteer.coop_volunteer_paused_until = self.today - timedelta(days=1)
        self.assertIn(self.volunteer, self.ranked())

    def test_a_volunteer_back_early_is_ranked_again(self):
        self.mine()._coop_volunteer_portal_pause(str(self.today))
        self.mine()._coop_volunteer_portal_resume()
        self.assertFalse(self.volunteer.coop_volunteer_paused_until)
        self.assertIn(self.volunteer, self.ranked())

    def test_a_past_or_nonsense_holiday_date_is_refused(self):
        for value in (
            str(self.today - timedelta(days=1)),
            str(self.today + timedelta(days=400)),
            "2026-02-30",
            "99999-01-01",
            "2030-01-01" + "x" * 100,
            SCRIPT,
            NUL,
            "",
            LONG,
        ):
            with self.subTest(value=value[:20]), self.assertRaises(ValidationError):
                self.mine()._coop_volunteer_portal_pause(value)
        self.assertFalse(self.volunteer.coop_volunteer_paused_until)

    def test_going_on_holiday_withdraws_the_offers_waiting_for_an_answer(self):
        request = self.make_request(self.make_beneficiary("Holiday Beneficiary", GRAND_PLACE))
        request.action_search_volunteers()
        offer = request.offer_ids.filtered(lambda o: o.volunteer_id == self.volunteer)
        self.assertEqual(offer.state, "sent")
        self.mine()._coop_volunteer_portal_pause(str(self.today + timedelta(days=3)))
        self.assertEqual(offer.state, "expired")

    def test_no_offer_is_mailed_to_a_volunteer_on_holiday(self):
        self.volunteer.coop_volunteer_paused_until = self.today
        request = self.make_request(self.make_beneficiary("Mail Beneficiary", GRAND_PLACE))
        offer = self.env["coop.delivery.offer"].create(
            {"request_id": request.id, "volunteer_id": self.volunteer.id}
        )
        mails = self.env["mail.mail"].sudo().search([])
        offer._send()
        self.assertEqual(offer.state, "expired")
        new_mails = self.env["mail.mail"].sudo().search([]) - mails
        self.assertNotIn(self.volunteer.email, new_mails.mapped("email_to"))

    # === STOP VOLUNTEERING ===#

    def test_stopping_withdraws_the_consent_and_keeps_its_date(self):
        self.mine()._coop_volunteer_portal_stop()
        self.assertFalse(self.volunteer.coop_notify_consent)
        self.assertFalse(self.volunteer.coop_is_volunteer)
        self.assertEqual(self.volunteer.coop_volunteer_withdrawn_date, self.today)

    def test_a_volunteer_who_stopped_gets_no_offer(self):
        self.mine()._coop_volunteer_portal_stop()
        request = self.make_request(self.make_beneficiary("Stop Beneficiary", GRAND_PLACE))
        request.action_search_volunteers()
        self.assertNotIn(self.volunteer, request.offer_ids.volunteer_id)
        self.assertIn(self.other_user.partner_id, request.offer_ids.volunteer_id)

    def test_stopping_is_written_on_the_contact_and_a_coordinator_is_told(self):
        self.mine()._coop_volunteer_portal_stop()
        self.assertIn("consent to be contacted withdrawn", self.volunteer.message_ids[:1].body)
        activity = self.volunteer.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertFalse(activity.user_id.share)

    def test_a_volunteer_who_stopped_can_volunteer_again(self):
        self.mine()._coop_volunteer_portal_stop()
        self.mine()._coop_volunteer_portal_rejoin()
        self.assertTrue(self.volunteer.coop_is_volunteer)
        self.assertTrue(self.volunteer.coop_notify_consent)
        self.assertIn(self.volunteer, self.ranked())

    def test_someone_else_cannot_stop_for_a_volunteer(self):
        with self.assertRaises(AccessError):
            self.mine(self.other_user)._coop_volunteer_portal_stop()
        self.assertTrue(self.volunteer.coop_notify_consent)

    # === HISTORY ===#

    def test_the_history_holds_the_deliveries_done_and_their_hours(self):
        beneficiary = self.make_beneficiary("History Beneficiary", GRAND_PLACE)
        done = self.make_request(beneficiary, deliverer_id=self.volunteer.id)
        done.write({"state": "out"})
        done.action_delivered()
        others = self.make_request(beneficiary, deliverer_id=self.other_user.partner_id.id)
        requests, entries = self.volunteer._coop_volunteer_history()
        self.assertEqual(requests, done)
        self.assertNotIn(others, requests)
        self.assertTrue(entries)
        self.assertEqual(set(entries.mapped("kind")), {"delivery"})
        self.assertEqual(entries.partner_id, self.volunteer)
