from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.display_numbers import format_number
from odoo.addons.coop_member_shifts.tools.form_values import (
    clean_text,
    parse_id,
    parse_number,
    parse_token,
)

from ..models.coop_volunteer_signup import MAX_LENGTHS, MAX_WEEKLY, TRANSPORTS, _valid_email
from ..tools.form_guard import is_robot

ROLES = ("can_prepare", "can_deliver", "can_call")


class VolunteerSignupController(http.Controller):
    """ "Become a volunteer": a public form, confirmed by a link sent by e-mail.

    The public user reaches sign-ups only through these routes (``sudo`` for the sign-up
    model alone); nothing usable exists before the link is followed.
    """

    @http.route("/volunteer", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def volunteer_form(self, **kwargs):
        return self._render_form(self._prefill(), {})

    @http.route(
        "/volunteer/submit",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def volunteer_submit(self, **post):
        if is_robot(post):
            return request.redirect("/volunteer/thanks")
        form = request.httprequest.form
        values, errors = self._read_form(post, form.getlist("weekday_ids"))
        if not errors:
            try:
                with request.env.cr.savepoint():
                    request.env["coop.volunteer.signup"].sudo()._coop_submit(values)
            except ValidationError as error:
                errors["form"] = error.args[0]
        if errors:
            return self._render_form(post, errors, form.getlist("weekday_ids"))
        return request.redirect("/volunteer/thanks")

    @http.route(
        "/volunteer/thanks", type="http", auth="public", website=True, sitemap=False, readonly=True
    )
    def volunteer_thanks(self, **kwargs):
        return request.render("coop_solidarity_delivery.volunteer_signup_thanks")

    @http.route(
        "/volunteer/confirm/<string:token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def volunteer_confirm_page(self, token, **kwargs):
        signup = self._signup_from_token(token)
        return self._render_confirm(signup)

    @http.route(
        "/volunteer/confirm/<string:token>/done",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
        readonly=False,
    )
    def volunteer_confirm(self, token, **kwargs):
        signup = self._signup_from_token(token)
        if signup._coop_is_live():
            signup._coop_confirm()
        return self._render_confirm(signup)

    # === HELPERS ===#

    def _signup_from_token(self, token):
        if not parse_token(token):
            # Not a 404: the website would look the forged path up among its pages and files.
            raise BadRequest()
        Signup = request.env["coop.volunteer.signup"].sudo()
        signup = Signup.search([("token", "=", token)], limit=1)
        if not signup:
            raise request.not_found()
        return signup

    def _render_confirm(self, signup):
        if signup.state == "to_confirm" and not signup._coop_is_live():
            status = "expired"
        else:
            status = signup.state
        return request.render(
            "coop_solidarity_delivery.volunteer_signup_confirm",
            {"signup": signup, "status": status, "token": signup.token},
        )

    def _prefill(self):
        """A member's own details; nothing for a visitor."""
        if request.env.user._is_public():
            return {}
        partner = request.env.user.partner_id
        return {
            name: partner[name] or ""
            for name in ("name", "email", "phone", "street", "zip", "city")
        }

    def _render_form(self, form, errors, weekday_ids=()):
        Signup = request.env["coop.volunteer.signup"].sudo()
        values = {
            "form": form,
            "errors": errors,
            "checked_days": {parse_id(day) for day in weekday_ids},
            "weekdays": request.env["coop.weekday"].sudo().search([]),
            "transports": Signup._fields["transport"]._description_selection(request.env),
            "consent_texts": Signup._coop_consent_texts(),
            "max_radius": request.env["res.partner"].sudo()._coop_max_radius_km(),
            "max_weekly": MAX_WEEKLY,
        }
        return request.render("coop_solidarity_delivery.volunteer_signup_form", values)

    def _read_form(self, post, weekday_ids):
        """``(values, errors)``: the sign-up's values, and a message per field refused."""
        _ = request.env._
        values, errors = {}, {}
        for name, length in MAX_LENGTHS.items():
            text = clean_text(post.get(name), length)
            if text is None or "<" in text or ">" in text:
                errors[name] = _("At most %s characters, and no < or >.", length)
            elif not text and name != "phone":
                errors[name] = _("Please fill this in.")
            values[name] = text
        if "email" not in errors and not _valid_email(values["email"]):
            errors["email"] = _("Enter a valid e-mail address, such as name@example.com.")
        for role in ROLES:
            values[role] = bool(post.get(role))
        if not any(values[role] for role in ROLES):
            errors["roles"] = _("Choose at least one way to help.")
        values["transport"] = post.get("transport")
        if values["transport"] not in dict(TRANSPORTS):
            errors["transport"] = _("Choose how you get around.")
        largest = request.env["res.partner"].sudo()._coop_max_radius_km()
        radius = parse_number(post.get("radius_km"), minimum=0.1, maximum=largest)
        if radius is None:
            errors["radius_km"] = _(
                "Choose a radius above 0 and up to %s km.",
                format_number(largest, request.env.lang, 1),
            )
        values["radius_km"] = radius or 0.0
        weekly = parse_number(post.get("weekly_max"), minimum=0, maximum=MAX_WEEKLY)
        if weekly is None or not weekly.is_integer():
            errors["weekly_max"] = _(
                "Choose a whole number between 0 (no limit) and %s.", MAX_WEEKLY
            )
        values["weekly_max"] = int(weekly or 0)
        days = self._read_weekdays(weekday_ids)
        if days is None:
            errors["weekday_ids"] = _("Choose the days among those shown.")
        values["weekday_ids"] = [(6, 0, days or [])]
        for consent in ("contact_consent", "address_consent"):
            values[consent] = bool(post.get(consent))
            if not values[consent]:
                errors[consent] = _("Your agreement is needed to sign up.")
        return values, errors

    def _read_weekdays(self, weekday_ids):
        """The ids of the days ticked, or ``None`` when one is not a day of the list."""
        ids = [parse_id(day) for day in weekday_ids]
        known = set(request.env["coop.weekday"].sudo().search([]).ids)
        if None in ids or not set(ids) <= known:
            return None
        return sorted(set(ids))
