"""Odoo's event pages and a members-only event: the notice, the registration modal's answer,
and the attendees' form posted by hand by a visitor, a non-member or a member."""

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .event_common import EventPortalMixin


@tagged("post_install", "-at_install")
class TestWebsiteEventMembersOnly(EventPortalMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.events_user = new_test_user(
            cls.env,
            login="coop_event_desk",
            password="coop_event_desk",
            groups="base.group_user,event.group_event_user",
        )

    def register_page(self, event):
        return self.get(f"/event/{event.id}/register")

    def assertRefused(self, response, event, code):
        self.assertEqual(response.status_code, 200)
        pattern = rf"/event/([\w-]+-)?{event.id}/register\?registration_error_code={code}$"
        self.assertRegex(response.url, pattern)
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

    def test_a_refused_registration_is_never_committed(self):
        """Odoo commits inside the registration's creation when it sends the confirmation mail
        at once (outside a test thread, as in a request): the coop's check comes first. Before,
        a registration of a non-member created from the backend stayed, committed, despite the
        error shown."""
        self.assertTrue(
            self.workshop.event_mail_ids.filtered(lambda m: m.interval_type == "after_sub")
        )
        self.login(self.events_user)
        with mute_logger("odoo.http"):
            response = self.jsonrpc(
                "/web/dataset/call_kw/event.registration/create",
                model="event.registration",
                method="create",
                args=[{"event_id": self.workshop.id, "partner_id": self.stranger.id}],
                kwargs={},
            )
        self.assertEqual(
            response.json()["error"]["data"]["name"], "odoo.exceptions.ValidationError"
        )
        self.assertFalse(self.registrations(self.workshop))

    def test_a_form_without_its_ticket_field_is_refused_cleanly(self):
        self.login(self.paula_user)
        form = self.confirm_form(self.workshop)
        del form["1-event_ticket_id"]
        response = self.post(f"/event/{self.workshop.id}/registration/confirm", **form)
        self.assertRefused(response, self.workshop, "coop_refused")
        self.assertFalse(self.registrations(self.workshop))
