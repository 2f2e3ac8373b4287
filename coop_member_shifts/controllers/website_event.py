import re

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.website_event.controllers.main import WebsiteEventController

from ..tools.form_values import parse_id

# The codes of the coop's refusals, shown on the event's page (website_event's
# ``registration_error_code``, as its own "insufficient_seats").
MEMBERS_ONLY = "coop_members_only"
ONE_SEAT = "coop_one_seat"
REFUSED = "coop_refused"
# The seats one may ask for in the modal (website_event's select offers up to 9 or 10).
MAX_SEATS = 9999
SEATS_RE = re.compile(r"[0-9]{1,4}")


class CoopWebsiteEventController(WebsiteEventController):
    """Odoo's event pages keep a members-only event for members.

    The registration itself refuses a non-member and a second seat whatever the route; here the
    visitor learns it before filling the attendees' form (the registration modal says the event
    is kept for members, with a link to log in), and a form posted by hand ends on the event's
    page with the reason, never an error page. A registration is always for the person logged
    in: a ``partner_id`` sent in the form is ignored.
    """

    @staticmethod
    def _coop_refusal(event, seats=1):
        """The code of the coop's refusal of ``seats`` registrations of the person logged in
        for ``event``, or None."""
        event = event.sudo()
        if not event.coop_members_only:
            return None
        user = request.env.user
        if user._is_public() or not user.partner_id.sudo()._coop_is_member():
            return MEMBERS_ONLY
        registered = request.env["event.registration"]._coop_seats_of(event, user.partner_id)
        return ONE_SEAT if registered or seats > 1 else None

    def _coop_seats_asked(self, event, post):
        """The number of seats asked in the modal's form. Odoo reads the form with ``int()``
        and looks the tickets up by id: anything but its own select's values is refused here,
        with a message, rather than failing in its code (an HTTP 500)."""
        for key, value in post.items():
            if not key.startswith("nb_register-"):
                continue
            ticket = key.removeprefix("nb_register-")
            if ticket != "0" and parse_id(ticket) is None:
                raise UserError(request.env._("Choose the number of seats in the list."))
            if not (isinstance(value, str) and SEATS_RE.fullmatch(value)) and not (
                type(value) is int and 0 <= value <= MAX_SEATS
            ):
                raise UserError(request.env._("Choose the number of seats in the list."))
        return sum(ticket["quantity"] for ticket in self._process_tickets_form(event, post))

    @staticmethod
    def _coop_is_odoos_form(event, post):
        """Whether the attendees' form holds what the event's own form sends: its tickets, its
        questions and their answers (Odoo's code reads anything else with ``int()`` or looks
        it up by id, and fails with an HTTP 500)."""
        event = event.sudo()
        questions = {question.id: question for question in event.question_ids}
        for key, value in post.items():
            parts = key.split("-")
            if not value or len(parts) not in (2, 3):
                continue
            if not isinstance(value, str) or not parts[0].isdecimal() or len(parts[0]) > 4:
                return False
            if len(parts) == 2:
                ticket = parts[1] == "event_ticket_id" and value != "0"
                if ticket and parse_id(value) not in event.event_ticket_ids.ids:
                    return False
                continue
            question = questions.get(parse_id(parts[2]))
            if not question:
                return False
            choice = parts[1] == "simple_choice"
            if choice and parse_id(value) not in question.answer_ids.ids:
                return False
        return True

    @http.route(readonly=False)
    def registration_new(self, event, **post):
        code = self._coop_refusal(event, self._coop_seats_asked(event, post))
        if code:
            return request.env["ir.ui.view"]._render_template(
                "coop_member_shifts.event_registration_refused",
                {"event": event, "code": code, "is_public": request.env.user._is_public()},
            )
        return super().registration_new(event, **post)

    @staticmethod
    def _coop_clean_form(form):
        """The attendees' form without a partner (a registration is for the person logged in)
        and without NUL characters (PostgreSQL refuses them in a text)."""
        return {
            key: value.replace("\x00", "") if isinstance(value, str) else value
            for key, value in form.items()
            if not key.endswith("-partner_id")
        }

    def _coop_attendees(self, event, form):
        """The attendees of the form, as Odoo reads them, or None when it is not the event's
        own form."""
        form = self._coop_clean_form(form)
        if not self._coop_is_odoos_form(event, form):
            return None
        try:
            attendees = super()._process_attendees_form(event, form)
        except (ValueError, TypeError, UserError):
            return None
        # Odoo's own code reads each attendee's ticket: a form without it is not its form.
        if any("event_ticket_id" not in attendee for attendee in attendees):
            return None
        return attendees

    def _process_attendees_form(self, event, form_details):
        # website_event_sale reads the form again once the coop's code has answered (refused):
        # a form that is not the event's own gives no attendee, never an error.
        return self._coop_attendees(event, form_details) or []

    @http.route(readonly=False)
    def registration_confirm(self, event, **post):
        register = f"/event/{event.id}/register?registration_error_code="
        attendees = self._coop_attendees(event, post)
        if attendees is None:
            return request.redirect(register + REFUSED)
        seats = len(attendees)
        code = self._coop_refusal(event, seats)
        if code:
            return request.redirect(register + code)
        try:
            # No savepoint: Odoo commits inside the creation when it sends the confirmation mail
            # (after the registration's checks); a refusal undoes the whole request.
            return super().registration_confirm(event, **post)
        except (ValidationError, UserError, ValueError):
            # Refused by the registration's own checks, meanwhile (someone took the last seat,
            # or the member registered in another tab).
            request.env.cr.rollback()
            event = event.sudo()
            if event.seats_limited and event.seats_max and event.seats_available < seats:
                return request.redirect(register + "insufficient_seats")
            return request.redirect(register + (self._coop_refusal(event, seats) or REFUSED))
