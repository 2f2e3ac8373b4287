"""Shared fixtures of the events' portal and website tests: members, a non-member, events."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .fuzz_values import RouteFuzzMixin
from .test_board_common import make_member


def make_event(env, name, days=5, **vals):
    """A published event starting in ``days`` days (negative: in the past), two hours long."""
    start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)
    return env["event.event"].create(
        {
            "name": name,
            "date_begin": start,
            "date_end": start + timedelta(hours=2),
            "date_tz": "Europe/Paris",
            "website_published": True,
            **vals,
        }
    )


class EventPortalMixin(RouteFuzzMixin):
    """For an ``HttpCase``: two members, a portal user who is not a member, and events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula_user = make_member(
            cls.env, "coop_event_paula", name="Paula Event", tz="Europe/Paris"
        )
        cls.oscar_user = make_member(
            cls.env, "coop_event_oscar", name="Oscar Event", tz="Europe/Paris"
        )
        cls.stranger_user = new_test_user(
            cls.env,
            login="coop_event_stranger",
            password="coop_event_stranger",
            groups="base.group_portal",
            email="coop_event_stranger@example.com",
            tz="Europe/Paris",
        )
        cls.paula, cls.oscar = cls.paula_user.partner_id, cls.oscar_user.partner_id
        cls.stranger = cls.stranger_user.partner_id
        cls.paula.phone = "+33 6 12 34 56 78"
        cls.workshop = make_event(
            cls.env,
            "Test workshop: eating better",
            coop_members_only=True,
            seats_limited=True,
            seats_max=12,
        )
        cls.open_event = make_event(cls.env, "Test disco soup", days=6, coop_members_only=False)
        cls.Registration = cls.env["event.registration"]

    def registrations(self, event=None):
        domain = [("event_id", "=", event.id)] if event else [("event_id.name", "like", "Test ")]
        return self.Registration.search(domain)

    def confirm_form(self, event, **data):
        """The attendees' form of website_event's modal for one attendee, as its page sends it."""
        form = {"1-event_ticket_id": "0"}
        for question in event.question_ids:
            if question.question_type in ("name", "email", "phone"):
                value = {"name": "Attendee", "email": "attendee@example.com", "phone": "0600"}
                form[f"1-{question.question_type}-{question.id}"] = value[question.question_type]
        return {**form, **data}

    def post_confirm(self, event, **data):
        return self.post(
            f"/event/{event.id}/registration/confirm", **self.confirm_form(event, **data)
        )

    def modal(self, event, seats=1):
        """The answer of website_event's registration modal (a JSON route) for ``seats``."""
        response = self.jsonrpc(f"/event/{event.id}/registration/new", **{"nb_register-0": seats})
        self.assertSafeAnswer(response)
        return response.json().get("result") or ""
