"""Workshops and convivial moments on the portal (/my/events), as a member, a user who is not a
member and a visitor: one-click registration and cancellation, and what is refused."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .event_common import EventPortalMixin, make_event


@tagged("post_install", "-at_install")
class TestEventPortal(EventPortalMixin, HttpCase):
    def test_a_visitor_is_sent_to_log_in(self):
        self.authenticate(None, None)
        response = self.get("/my/events")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("eating better", response.text)
        for action in ("register", "cancel"):
            response = self.post(f"/my/events/{self.workshop.id}/{action}")
            self.assertIn("/web/login", response.url)
        self.assertFalse(self.registrations())

    def test_a_user_who_is_not_a_member_gets_a_polite_page(self):
        self.login(self.stranger_user)
        response = self.get("/my/events")
        self.assertEqual(response.status_code, 403)
        self.assertIn("o_coop_events_members_only", response.text)
        self.assertNotIn("eating better", response.text)
        self.assertNotIn("/my/events", self.get("/my").text, "no card on the account's home")
        for event in (self.workshop, self.open_event):
            response = self.post(f"/my/events/{event.id}/register")
            self.assertEqual(response.status_code, 403)
        self.assertFalse(self.registrations())

    def test_a_member_registers_in_one_click_then_cancels(self):
        self.login(self.paula_user)
        text = self.get("/my/events").text
        coming_up = text.split("Coming up")[1]
        self.assertIn("Test workshop: eating better", coming_up)
        self.assertIn("o_coop_event_members_only_badge", coming_up)
        self.assertIn("12 seats left", coming_up)
        self.assertIn("Test disco soup", coming_up)
        self.assertIn("o_coop_my_events_empty", text)

        response = self.post(f"/my/events/{self.workshop.id}/register")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_portal_message", response.text)
        registration = self.registrations(self.workshop)
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.partner_id, self.paula)
        self.assertEqual(registration.state, "open")
        self.assertEqual(
            (registration.name, registration.email, registration.phone),
            (self.paula.name, self.paula.email, self.paula.phone),
        )
        mine, coming_up = response.text.split("Coming up")
        self.assertIn("Test workshop: eating better", mine)
        self.assertIn("o_coop_event_cancel", mine)
        self.assertNotIn("Test workshop: eating better", coming_up)
        self.assertIn("You are registered for 1 upcoming event.", self.get("/my").text)

        # A second click (or the back button) keeps the one seat.
        response = self.post(f"/my/events/{self.workshop.id}/register")
        self.assertIn("already registered", response.text)
        self.assertEqual(len(self.registrations(self.workshop)), 1)

        response = self.post(f"/my/events/{self.workshop.id}/cancel")
        self.assertIn("o_coop_portal_message", response.text)
        self.assertEqual(registration.state, "cancel")
        self.assertIn("Test workshop: eating better", response.text.split("Coming up")[1])
        response = self.post(f"/my/events/{self.workshop.id}/cancel")
        self.assertIn("o_coop_portal_error", response.text)
        # Registered again after cancelling: one active seat.
        self.post(f"/my/events/{self.workshop.id}/register")
        self.assertEqual(
            self.registrations(self.workshop).filtered(lambda r: r.state == "open").partner_id,
            self.paula,
        )

    def test_refused_events_give_a_message_on_the_page(self):
        unpublished = make_event(self.env, "Test unpublished", website_published=False)
        past = make_event(self.env, "Test past", days=-3)
        started = make_event(self.env, "Test started", days=0)
        started.date_begin = fields.Datetime.now() - timedelta(minutes=30)
        cancelled = make_event(
            self.env, "Test cancelled", stage_id=self.env.ref("event.event_stage_cancelled").id
        )
        full = make_event(
            self.env, "Test full", coop_members_only=True, seats_limited=True, seats_max=1
        )
        self.Registration.create({"event_id": full.id, "partner_id": self.oscar.id})
        self.login(self.paula_user)
        text = self.get("/my/events").text
        for event in (unpublished, past, started, cancelled, full):
            self.assertNotIn(event.name, text)
        before = self.registrations()
        ids = [event.id for event in (unpublished, past, started, cancelled, full)]
        for event_id in (*ids, 0, 2**31, 2**63):
            with self.subTest(event_id=event_id):
                response = self.post(f"/my/events/{event_id}/register")
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(self.registrations(), before)

    def test_the_last_seat_taken_meanwhile(self):
        """The page showed one seat left, someone took it: the page says the event is no
        longer open, nothing is stored (the registration's own checks are tested apart)."""
        small = make_event(
            self.env, "Test small", coop_members_only=True, seats_limited=True, seats_max=1
        )
        self.login(self.paula_user)
        self.assertIn("1 seat left", self.get("/my/events").text)
        self.Registration.create({"event_id": small.id, "partner_id": self.oscar.id})
        response = self.post(f"/my/events/{small.id}/register")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(self.registrations(small).partner_id, self.oscar)

    def test_a_member_cancels_only_their_own_registration(self):
        theirs = self.Registration.create(
            {"event_id": self.workshop.id, "partner_id": self.oscar.id}
        )
        self.login(self.paula_user)
        response = self.post(f"/my/events/{self.workshop.id}/cancel", partner_id=self.oscar.id)
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(theirs.state, "open")
        # Registering "for someone else" registers the member logged in.
        self.post(f"/my/events/{self.open_event.id}/register", partner_id=self.oscar.id)
        self.assertEqual(self.registrations(self.open_event).partner_id, self.paula)

    def test_too_late_to_cancel_once_started(self):
        registration = self.Registration.create(
            {"event_id": self.workshop.id, "partner_id": self.paula.id}
        )
        self.workshop.date_begin = fields.Datetime.now() - timedelta(minutes=10)
        self.login(self.paula_user)
        text = self.get("/my/events").text
        self.assertIn("Test workshop: eating better", text)
        self.assertNotIn("o_coop_event_cancel", text)
        response = self.post(f"/my/events/{self.workshop.id}/cancel")
        self.assertIn("o_coop_portal_error", response.text)
        self.assertEqual(registration.state, "open")
