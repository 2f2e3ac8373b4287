from datetime import timedelta
from urllib.parse import urlencode

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools.form_values import clean_text, parse_number

# The longest task name a member may log from the portal.
TASK_NAME_MAX_LENGTH = 200


class MemberWorkPortal(CustomerPortal):
    """Members see their shifts and hours, sign up and cancel, and log a task."""

    def _member(self):
        return request.env.user.partner_id.commercial_partner_id.sudo()

    @http.route("/my/shifts", type="http", auth="user", website=True, readonly=True)
    def portal_my_shifts(self, message=None, error=None, **kwargs):
        member = self._member()
        now = fields.Datetime.now()
        Registration = request.env["coop.shift.registration"].sudo()
        mine = Registration.search([("partner_id", "=", member.id)])
        open_shifts = (
            request.env["coop.shift"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("start", ">", now),
                    ("start", "<", now + timedelta(days=28)),
                    ("id", "not in", mine.shift_id.ids),
                ]
            )
            .filtered(lambda shift: shift.seats_free > 0)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_shifts",
            member=member,
            upcoming=mine.filtered(
                lambda r: r.shift_start > now and r.state == "registered"
            ).sorted(lambda r: (r.shift_start, r.id)),
            past=mine.filtered(lambda r: r.shift_start <= now)[:20],
            open_shifts=open_shifts,
            entries=request.env["coop.work.entry"]
            .sudo()
            .search([("partner_id", "=", member.id)], limit=20),
            cancel_limit=now + timedelta(hours=request.env.company.coop_cancel_delay_hours),
            message=message,
            error=error,
        )
        return request.render("coop_member_shifts.portal_my_shifts", values)

    def _back(self, message=None, error=None):
        query = {"message": message} if message else {"error": error}
        return request.redirect("/my/shifts?" + urlencode(query))

    @http.route(
        "/my/shifts/<int:shift_id>/register",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_register(self, shift_id, **kwargs):
        shift = request.env["coop.shift"].sudo().browse(shift_id).exists()
        if not shift or shift.state != "open" or shift.start <= fields.Datetime.now():
            return self._back(error=_("This shift is not open for registration."))
        member = self._member()
        existing = (
            request.env["coop.shift.registration"]
            .sudo()
            .search([("shift_id", "=", shift.id), ("partner_id", "=", member.id)], limit=1)
        )
        if existing.state in ("registered", "attended"):
            # A second click, or the back button: the first sign-up holds.
            return self._back(message=_("You are already registered to this shift."))
        try:
            with request.env.cr.savepoint():
                if existing:
                    existing.state = "registered"
                else:
                    request.env["coop.shift.registration"].sudo().create(
                        {"shift_id": shift.id, "partner_id": member.id}
                    )
        except (ValidationError, UserError) as exc:
            return self._back(error=exc.args[0])
        return self._back(message=_("You are registered. Thank you!"))

    @http.route(
        "/my/shifts/registration/<int:registration_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_cancel(self, registration_id, **kwargs):
        registration = (
            request.env["coop.shift.registration"].sudo().browse(registration_id).exists()
        )
        if not registration or registration.partner_id != self._member():
            raise request.not_found()
        delay = request.env.company.coop_cancel_delay_hours
        if registration.shift_start - timedelta(hours=delay) < fields.Datetime.now():
            return self._back(
                error=_("It is too late to cancel: call the shop so that they can find someone.")
            )
        registration.action_cancel()
        return self._back(message=_("Your registration is cancelled."))

    @http.route(
        "/my/shifts/log", type="http", auth="user", methods=["POST"], website=True, readonly=False
    )
    def portal_log_task(self, name="", hours="", date="", **kwargs):
        name = clean_text(name, TASK_NAME_MAX_LENGTH)
        if name is None:
            return self._back(
                error=_("Name the task in %s characters at most.", TASK_NAME_MAX_LENGTH)
            )
        hours = parse_number(hours or 0)
        if hours is None:
            return self._back(error=_("Type the hours as a number."))
        try:
            with request.env.cr.savepoint():
                request.env["coop.work.entry"].sudo().create(
                    {
                        "partner_id": self._member().id,
                        "kind": "task",
                        "name": name or _("Task"),
                        "hours": hours,
                        "date": fields.Date.to_date(date)
                        or fields.Date.context_today(request.env.user),
                    }
                )
        except (ValidationError, ValueError) as exc:
            message = exc.args[0] if isinstance(exc, ValidationError) else _("Choose a valid date.")
            return self._back(error=message)
        return self._back(message=_("Your task is recorded: a coordinator will validate it."))
