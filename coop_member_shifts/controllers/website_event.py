from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.website_event.controllers.main import WebsiteEventController

from ..models.event_registration import ACTIVE_STATES

# The codes of the coop's refusals, shown on the event's page (website_event's
# ``registration_error_code``, as its own "insufficient_seats").
MEMBERS_ONLY = "coop_members_only"
ONE_SEAT = "coop_one_seat"
REFUSED = "coop_refused"


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
        registered = (
            request.env["event.registration"]
            .sudo()
            .search_count(
                [
                    ("event_id", "=", event.id),
                    ("partner_id", "=", user.partner_id.id),
                    ("state", "in", ACTIVE_STATES),
                ]
            )
        )
        return ONE_SEAT if registered or seats > 1 else None

    def _coop_seats_asked(self, event, post):
        try:
            tickets = self._process_tickets_form(event, post)
        except (ValueError, TypeError) as exc:
            raise UserError(request.env._("Choose the number of seats in the list.")) from exc
        return sum(ticket["quantity"] for ticket in tickets)

    @http.route(readonly=False)
    def registration_new(self, event, **post):
        code = self._coop_refusal(event, self._coop_seats_asked(event, post))
        if code:
            return request.env["ir.ui.view"]._render_template(
                "coop_member_shifts.event_registration_refused",
                {"event": event, "code": code, "is_public": request.env.user._is_public()},
            )
        return super().registration_new(event, **post)

    @http.route(readonly=False)
    def registration_confirm(self, event, **post):
        post = {key: value for key, value in post.items() if not key.endswith("-partner_id")}
        register = f"/event/{event.id}/register?registration_error_code="
        try:
            attendees = self._process_attendees_form(event, post)
        except (ValueError, TypeError, UserError):
            return request.redirect(register + REFUSED)
        if any("event_ticket_id" not in attendee for attendee in attendees):
            # Odoo's own code reads each attendee's ticket: a form without it is not its form.
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
