from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import parse_id
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.coop_delivery_request_give_back import NOTE_MAX_LENGTH
from ..models.res_partner_volunteer_portal import ROLE_FIELDS, WEEKLY_MAX_LIMIT
from .delivery_offer import give_back_reasons

# The fields of the profile form, read as texts; nothing else of the form is used.
FORM_FIELDS = (
    *ROLE_FIELDS,
    "coop_transport",
    "coop_radius_km",
    "coop_weekly_max",
    "mobile",
    "coop_contact_channel",
)
# A value typed back into the form after an error is cut to this length.
KEPT_LENGTH = 64


class VolunteerPortal(CustomerPortal):
    """Delivery volunteers keep their own profile: roles, days, radius, holidays, leaving."""

    def _coop_volunteer_done_messages(self):
        env = request.env
        return {
            "saved": env._("Your volunteer profile is saved."),
            "paused": env._("Enjoy your holiday: the coop sends you no delivery offer meanwhile."),
            "resumed": env._("Welcome back: the coop sends you delivery offers again."),
            "stopped": env._(
                "You no longer volunteer for deliveries: the coop sends you no more offers. "
                "Thank you for your help."
            ),
            "rejoined": env._("Thank you for volunteering again!"),
            "given_back": env._(
                "The delivery is given back: the coop looks for another volunteer. Thank you "
                "for telling us."
            ),
        }

    def _coop_volunteer_values(self, partner, **extra):
        """What the page shows; ``partner`` is the user's own contact, in sudo."""
        requests, entries = partner._coop_volunteer_history()
        transports = partner._fields["coop_transport"]._description_selection(request.env)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_volunteer",
            volunteer=partner,
            form=self._coop_volunteer_form_of(partner),
            weekdays=request.env["coop.weekday"].sudo().search([]),
            transports=transports,
            max_radius=partner._coop_max_radius_km(),
            weekly_max_limit=WEEKLY_MAX_LIMIT,
            min_pause=partner._coop_today(partner._coop_tz()).isoformat(),
            deliveries=requests,
            held=partner._coop_volunteer_held(),
            give_back_reasons=give_back_reasons(),
            give_back={},
            entries=entries,
            hours_total=sum(entries.filtered(lambda e: e.state == "validated").mapped("hours")),
            error=None,
            error_section=None,
            message=None,
        )
        values.update(extra)
        return values

    @staticmethod
    def _coop_volunteer_form_of(partner):
        form = {field: "on" if partner[field] else "" for field in ROLE_FIELDS}
        form.update(
            coop_transport=partner.coop_transport or "",
            coop_radius_km=f"{partner.coop_radius_km:g}",
            coop_weekly_max=str(partner.coop_weekly_max),
            weekday_ids=[str(day_id) for day_id in partner.coop_weekday_ids.ids],
            paused_until="",
            mobile=partner.mobile or "",
            coop_contact_channel=partner.coop_contact_channel or "",
        )
        return form

    def _coop_volunteer_render(self, partner, **extra):
        if not partner.coop_is_volunteer:
            values = self._prepare_portal_layout_values()
            values.update(page_name="coop_volunteer", volunteer=partner, **extra)
            return request.render("coop_solidarity_delivery.portal_volunteer_not_volunteer", values)
        return request.render(
            "coop_solidarity_delivery.portal_my_volunteer",
            self._coop_volunteer_values(partner, **extra),
        )

    def _coop_volunteer_act(self, method, done, section, *args, form=None):
        """Call ``method`` of the user's own contact; redirect with ``done`` when it works,
        or render the page again with the error and what was typed."""
        partner = request.env.user.partner_id
        try:
            with request.env.cr.savepoint():
                getattr(partner, method)(*args)
        except (ValidationError, AccessError) as error:
            values = {"error": error.args[0], "error_section": section}
            if form is not None:
                kept = self._coop_volunteer_form_of(partner.sudo())
                kept.update(form)
                values["form"] = kept
            return self._coop_volunteer_render(partner.sudo(), **values)
        return request.redirect("/my/volunteer?" + urlencode({"done": done}))

    @http.route(
        "/my/volunteer", type="http", auth="user", website=True, methods=["GET"], readonly=True
    )
    def portal_my_volunteer(self, done=None, **kwargs):
        message = self._coop_volunteer_done_messages().get(done) if isinstance(done, str) else None
        return self._coop_volunteer_render(request.env.user.partner_id.sudo(), message=message)

    @http.route(
        "/my/volunteer/profile",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_profile(self, **post):
        form = {field: post.get(field) for field in FORM_FIELDS}
        weekday_ids = request.httprequest.form.getlist("weekday_ids")
        kept = {field: str(value or "")[:KEPT_LENGTH] for field, value in form.items()}
        kept["weekday_ids"] = [str(value)[:KEPT_LENGTH] for value in weekday_ids]
        return self._coop_volunteer_act(
            "_coop_volunteer_portal_save", "saved", "profile", form, weekday_ids, form=kept
        )

    @http.route(
        "/my/volunteer/pause",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_pause(self, paused_until=None, **post):
        kept = {"paused_until": str(paused_until or "")[:KEPT_LENGTH]}
        return self._coop_volunteer_act(
            "_coop_volunteer_portal_pause", "paused", "pause", paused_until, form=kept
        )

    @http.route(
        "/my/volunteer/resume",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_resume(self, **post):
        return self._coop_volunteer_act("_coop_volunteer_portal_resume", "resumed", "pause")

    @http.route(
        "/my/volunteer/stop",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_stop(self, confirm=None, **post):
        if confirm != "on":
            partner = request.env.user.partner_id.sudo()
            error = request.env._("Tick the box to confirm that you stop volunteering.")
            return self._coop_volunteer_render(partner, error=error, error_section="stop")
        return self._coop_volunteer_act("_coop_volunteer_portal_stop", "stopped", "stop")

    @http.route(
        "/my/volunteer/rejoin",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_rejoin(self, **post):
        return self._coop_volunteer_act("_coop_volunteer_portal_rejoin", "rejoined", "rejoin")

    @http.route(
        "/my/volunteer/deliveries/<int:request_id>/give-back",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_volunteer_give_back(self, request_id, reason=None, note=None, **post):
        """Give back a delivery the user holds; someone else's, or none, is a 404."""
        partner = request.env.user.partner_id
        request_id = parse_id(request_id)
        held = (
            request.env["coop.delivery.request"]
            .sudo()
            .search([("id", "=", request_id), ("deliverer_id", "=", partner.id)])
            if request_id
            else None
        )
        if not held:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                held._coop_give_back(partner, reason, note)
        except UserError as error:
            typed = {
                "request_id": held.id,
                "reason": str(reason or "")[:KEPT_LENGTH],
                "note": str(note or "")[:NOTE_MAX_LENGTH],
            }
            return self._coop_volunteer_render(
                partner.sudo(), error=error.args[0], error_section="held", give_back=typed
            )
        return request.redirect("/my/volunteer?" + urlencode({"done": "given_back"}))
