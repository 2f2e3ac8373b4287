from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.event_registration import ACTIVE_STATES
from ..tools.form_values import parse_id

# How many events "Coming up" lists at most.
COMING_UP_LIMIT = 40


class EventPortal(CustomerPortal):
    """Members see their next workshops and convivial moments on the portal, register in one
    click and cancel until the event starts.

    Members only, as the board: a visitor is sent to log in, a user who is not a member gets a
    polite page (403). The registration is made through the ORM as the coop (sudo) for the
    logged-in member only: the registration's own checks (members only, one seat each, Odoo's
    seat limit) hold here as through any other path.
    """

    @staticmethod
    def _coop_event_member():
        partner = request.env.user.partner_id
        return partner if partner.sudo()._coop_is_member() else partner.browse()

    def _coop_events_members_only(self):
        values = self._prepare_portal_layout_values()
        values.update(page_name="coop_events")
        return request.render("coop_member_shifts.portal_events_members_only", values, status=403)

    @staticmethod
    def _coop_event_domain():
        """The events a member may see on the portal: published on this website, not ended
        nor cancelled."""
        return [
            ("website_published", "=", True),
            ("stage_id.pipe_end", "=", False),
            *request.website.website_domain(),
        ]

    @staticmethod
    def _coop_my_registrations(member):
        """The member's active registrations in events not yet over, soonest first."""
        return (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", member.id),
                    ("state", "in", ACTIVE_STATES),
                    ("event_id.date_end", ">", fields.Datetime.now()),
                ]
            )
            .sorted(lambda registration: (registration.event_id.date_begin, registration.id))
        )

    def _coop_coming_up(self, registered_events):
        """The published events not started yet whose registration is open, that the member
        has not registered for."""
        events = (
            request.env["event.event"]
            .sudo()
            .search(
                [
                    *self._coop_event_domain(),
                    ("date_begin", ">", fields.Datetime.now()),
                    ("id", "not in", registered_events.ids),
                ],
                order="date_begin, id",
                limit=COMING_UP_LIMIT,
            )
        )
        return events.filtered("event_registrations_open")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # The page /my itself (its cards), not the counters it asks for afterwards.
            member = self._coop_event_member()
            values["coop_event_count"] = len(self._coop_my_registrations(member)) if member else 0
        return values

    @http.route("/my/events", type="http", auth="user", website=True, readonly=True)
    def portal_my_events(self, message=None, error=None, **kwargs):
        member = self._coop_event_member()
        if not member:
            return self._coop_events_members_only()
        mine = self._coop_my_registrations(member)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_events",
            registrations=mine,
            coming_up=self._coop_coming_up(mine.event_id),
            now=fields.Datetime.now(),
            message=message,
            error=error,
        )
        return request.render("coop_member_shifts.portal_my_events", values)

    @staticmethod
    def _coop_events_back(message=None, error=None):
        query = {"message": message} if message else {"error": error}
        return request.redirect("/my/events?" + urlencode(query))

    def _coop_event(self, event_id):
        """The event of the portal with this id (as the coop), or an empty recordset."""
        Event = request.env["event.event"].sudo()
        event_id = parse_id(event_id)
        if not event_id:
            return Event
        return Event.search([("id", "=", event_id), *self._coop_event_domain()])

    @http.route(
        "/my/events/<int:event_id>/register",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_event_register(self, event_id, **kwargs):
        member = self._coop_event_member()
        if not member:
            return self._coop_events_members_only()
        _ = request.env._
        event = self._coop_event(event_id)
        if (
            not event
            or event.date_begin <= fields.Datetime.now()
            or not event.event_registrations_open
        ):
            return self._coop_events_back(error=_("This event is not open for registration."))
        if event.event_ticket_ids:
            return self._coop_events_back(
                error=_("This event has tickets: choose yours on the event's page.")
            )
        Registration = request.env["event.registration"].sudo()
        if Registration._coop_seats_of(event, member):
            # A second click, or the back button: the first registration holds.
            return self._coop_events_back(
                message=_("You are already registered for %(event)s.", event=event.name)
            )
        try:
            # No savepoint: Odoo commits inside the creation when it sends the confirmation mail
            # (after the registration's checks); a refusal undoes the whole request.
            Registration.create({"event_id": event.id, "partner_id": member.id})
        except (ValidationError, UserError) as exc:
            request.env.cr.rollback()
            return self._coop_events_back(error=exc.args[0])
        return self._coop_events_back(
            message=_("You are registered for %(event)s. See you there!", event=event.name)
        )

    @http.route(
        "/my/events/<int:event_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_event_cancel(self, event_id, **kwargs):
        member = self._coop_event_member()
        if not member:
            return self._coop_events_members_only()
        _ = request.env._
        event_id = parse_id(event_id)
        mine = request.env["event.registration"].sudo()
        if event_id:
            mine = mine.search(
                [
                    ("event_id", "=", event_id),
                    ("partner_id", "=", member.id),
                    ("state", "in", ("draft", "open")),
                ]
            )
        if not mine:
            return self._coop_events_back(error=_("You are not registered for this event."))
        event = mine.event_id
        if event.date_begin <= fields.Datetime.now():
            return self._coop_events_back(
                error=_("%(event)s has started: it is too late to cancel.", event=event.name)
            )
        try:
            mine.action_cancel()
        except (ValidationError, UserError) as exc:
            request.env.cr.rollback()
            return self._coop_events_back(error=exc.args[0])
        return self._coop_events_back(
            message=_("Your registration for %(event)s is cancelled.", event=event.name)
        )
