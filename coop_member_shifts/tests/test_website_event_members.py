"""Odoo's event pages and a members-only event: the notice, the registration modal's answer,
and the attendees' form posted by hand by a visitor, a non-member or a member."""

from odoo.tests import HttpCase, tagged

from .event_common import EventPortalMixin


@tagged("post_install", "-at_install")
class TestWebsiteEventMembersOnly(EventPortalMixin, HttpCase):
    def register_page(self, event):
        return self.get(f"/event/{event.id}/register")

    def assertRefused(self, response, event, code):
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/event/{event.id}/register", response.url)
        self.assertIn(f"registration_error_code={code}", response.url)
        self.assertIn("o_coop_event_refused", response.text)

    def test_the_event_page_says_members_only(self):
        self.authenticate(None, None)
        text = self.register_page(self.workshop).text
        self.assertIn("o_coop_event_members_only", text)
        self.assertIn("/web/login?redirect=", text)
        self.assertNotIn("o_coop_event_members_only", self.register_page(self.open_event).text)

    def test_a_visitor_gets_the_members_only_message(self):
        self.authenticate(None, None)
        modal = self.modal(self.workshop)
        self.assertIn("o_coop_event_refused_modal", modal)
        self.assertIn("o_coop_event_login", modal)
        self.assertNotIn("attendee_registration", modal)
        response = self.post_confirm(self.workshop)
        self.assertRefused(response, self.workshop, "coop_members_only")
        self.assertFalse(self.registrations(self.workshop))

    def test_a_visitor_cannot_register_as_a_member(self):
        """A partner id sent in the form is ignored: the registration is the visitor's."""
        self.authenticate(None, None)
        response = self.post_confirm(self.workshop, **{"1-partner_id": str(self.paula.id)})
        self.assertRefused(response, self.workshop, "coop_members_only")
        self.assertFalse(self.registrations(self.workshop))

    def test_a_user_who_is_not_a_member_gets_the_message(self):
        self.login(self.stranger_user)
        modal = self.modal(self.workshop)
        self.assertIn("o_coop_event_refused_modal", modal)
        self.assertNotIn("attendee_registration", modal)
        response = self.post_confirm(self.workshop, **{"1-partner_id": str(self.paula.id)})
        self.assertRefused(response, self.workshop, "coop_members_only")
        self.assertFalse(self.registrations(self.workshop))

    def test_an_event_open_to_all_takes_anyone(self):
        self.login(self.stranger_user)
        self.assertIn("attendee_registration", self.modal(self.open_event))
        response = self.post_confirm(self.open_event, **{"1-partner_id": str(self.paula.id)})
        self.assertIn("/registration/success", response.url)
        self.assertEqual(self.registrations(self.open_event).partner_id, self.stranger)

    def test_a_member_registers_once_on_the_event_page(self):
        self.login(self.paula_user)
        self.assertIn("attendee_registration", self.modal(self.workshop))
        self.assertIn("o_coop_event_refused_modal", self.modal(self.workshop, seats=2))
        response = self.post_confirm(self.workshop, **{"1-partner_id": str(self.oscar.id)})
        self.assertIn("/registration/success", response.url)
        self.assertEqual(self.registrations(self.workshop).partner_id, self.paula)
        # Once registered: the modal and the form say one seat a member.
        self.assertIn("o_coop_event_refused_modal", self.modal(self.workshop))
        response = self.post_confirm(self.workshop)
        self.assertRefused(response, self.workshop, "coop_one_seat")
        self.assertEqual(len(self.registrations(self.workshop)), 1)

    def test_two_attendees_in_one_form_are_refused(self):
        self.login(self.paula_user)
        form = self.confirm_form(self.workshop)
        form.update({key.replace("1-", "2-", 1): value for key, value in form.items()})
        response = self.post(f"/event/{self.workshop.id}/registration/confirm", **form)
        self.assertRefused(response, self.workshop, "coop_one_seat")
        self.assertFalse(self.registrations(self.workshop))

    def test_a_form_without_its_ticket_field_is_refused_cleanly(self):
        self.login(self.paula_user)
        form = self.confirm_form(self.workshop)
        del form["1-event_ticket_id"]
        response = self.post(f"/event/{self.workshop.id}/registration/confirm", **form)
        self.assertRefused(response, self.workshop, "coop_refused")
        self.assertFalse(self.registrations(self.workshop))
