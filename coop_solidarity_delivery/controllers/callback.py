from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_member_shifts.tools.form_values import clean_text

from ..models.coop_callback_request import CALL_TIMES, MAX_LENGTHS, TOPICS
from ..tools.form_guard import is_robot


class CallbackController(http.Controller):
    """ "Be called back": a public form that puts the visitor on the call-centre's list.

    The public user reaches call-back requests only through ``_coop_submit`` (``sudo`` for
    this model alone) and never reads one back: the thank-you page shows nothing stored.
    """

    @http.route("/callback", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def callback_form(self, **kwargs):
        form = {"topic": kwargs.get("topic") if kwargs.get("topic") in dict(TOPICS) else ""}
        return self._render_form(form, {})

    @http.route(
        "/callback/submit",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def callback_submit(self, **post):
        if is_robot(post):
            return request.redirect("/callback/thanks")
        values, errors = self._read_form(post)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    request.env["coop.callback.request"].sudo()._coop_submit(values)
            except ValidationError as error:
                errors["phone"] = error.args[0]
            except UserError as error:
                errors["form"] = error.args[0]
        if errors:
            return self._render_form(post, errors)
        return request.redirect("/callback/thanks")

    @http.route(
        "/callback/thanks", type="http", auth="public", website=True, sitemap=False, readonly=True
    )
    def callback_thanks(self, **kwargs):
        return request.render("coop_solidarity_delivery.callback_thanks")

    # === HELPERS ===#

    def _render_form(self, form, errors):
        Callback = request.env["coop.callback.request"].sudo()
        values = {
            "form": form,
            "errors": errors,
            "call_times": Callback._fields["call_time"]._description_selection(request.env),
            "topics": Callback._fields["topic"]._description_selection(request.env),
            "consent_text": Callback._coop_consent_text(),
            "max_lengths": MAX_LENGTHS,
        }
        return request.render("coop_solidarity_delivery.callback_form", values)

    def _read_form(self, post):
        """``(values, errors)``: the request's values, and a message per field refused."""
        _ = request.env._
        values, errors = {}, {}
        for name, length in MAX_LENGTHS.items():
            text = clean_text(post.get(name), length)
            if text is None or "<" in text or ">" in text:
                errors[name] = _("At most %s characters, and no < or >.", length)
            elif not text:
                errors[name] = _("Please fill this in.")
            values[name] = text
        if "phone" not in errors:
            try:
                request.env["coop.callback.request"].sudo()._coop_format_phone(values["phone"])
            except ValidationError as error:
                errors["phone"] = error.args[0]
        for name, choices, message in (
            ("call_time", CALL_TIMES, _("Choose when we may call you.")),
            ("topic", TOPICS, _("Choose what it is about.")),
        ):
            values[name] = post.get(name)
            if values[name] not in dict(choices):
                errors[name] = message
        if not post.get("consent"):
            errors["consent"] = _("Your agreement is needed to be called back.")
        return values, errors
