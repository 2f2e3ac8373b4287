import base64
import binascii
from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.image import image_process
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.coop_product_suggestion import (
    NAME_MAX_LENGTH,
    PRODUCER_MAX_LENGTH,
    REASON_MAX_LENGTH,
)
from ..tools.form_values import clean_text, parse_id

PER_PAGE = 20
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif")
# A photo kept in the form between two posts (the duplicate check), base64 of <= 1024 px.
PHOTO_DATA_MAX_LENGTH = 4 * 1024 * 1024


class SuggestionPortal(CustomerPortal):
    """Members suggest products and support the others' suggestions, on the portal.

    Members only, as on the board: a visitor is sent to log in, a user who is not a member
    gets a polite page (403). Everything is read and written as the logged-in user (record
    rules and the models' checks hold here as through any other path).
    """

    def _coop_suggestion_member(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return partner if partner.sudo()._coop_is_member() else partner.browse()

    def _coop_suggestions_members_only(self):
        values = self._prepare_portal_layout_values()
        values.update(page_name="coop_suggestions")
        return request.render(
            "coop_member_shifts.portal_suggestions_members_only", values, status=403
        )

    def _coop_suggestion(self, suggestion_id):
        suggestion = request.env["coop.product.suggestion"]
        if parse_id(suggestion_id):
            suggestion = suggestion.browse(int(suggestion_id)).exists()
        if not suggestion or not suggestion.has_access("read"):
            raise request.not_found()
        return suggestion

    @staticmethod
    def _coop_categories():
        """The product categories offered to members' suggestions, by name (read as the
        system: their names only)."""
        return (
            request.env["product.category"]
            .sudo()
            .search([("coop_suggestion_ok", "=", True)], order="name")
        )

    @http.route(
        ["/my/suggestions", "/my/suggestions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_suggestions(self, page=1, category="", message=None, **kwargs):
        member = self._coop_suggestion_member()
        if not member:
            return self._coop_suggestions_members_only()
        Suggestion = request.env["coop.product.suggestion"]
        chosen = self._coop_categories().browse(parse_id(category) or []).exists()
        domain = [("state", "=", "posted")]
        if chosen:
            domain.append(("category_id", "child_of", chosen.id))
        pager = portal_pager(
            url="/my/suggestions",
            total=Suggestion.search_count(domain),
            page=min(parse_id(page) or 1, 10_000),
            step=PER_PAGE,
            url_args={"category": chosen.id} if chosen else {},
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_suggestions",
            suggestions=Suggestion.search(
                domain, order="support_count desc, id desc", limit=PER_PAGE, offset=pager["offset"]
            ),
            mine=Suggestion.search([("author_id", "=", member.id)], limit=50),
            categories=self._coop_categories(),
            category=chosen,
            pager=pager,
            message=message,
        )
        return request.render("coop_member_shifts.portal_suggestions", values)

    # === THE FORM ===#

    def _coop_suggestion_form(self, form=None, error=None, similar=None):
        values = self._prepare_portal_layout_values()
        suggestions, products = similar or (None, None)
        values.update(
            page_name="coop_suggestion",
            form=form or {},
            error=error,
            similar_suggestions=suggestions,
            similar_products=products,
            categories=self._coop_categories(),
            limits={
                "name": NAME_MAX_LENGTH,
                "producer": PRODUCER_MAX_LENGTH,
                "reason": REASON_MAX_LENGTH,
            },
        )
        return request.render("coop_member_shifts.portal_suggestion_form", values)

    def _coop_read_photo(self, form):
        """(base64 photo or False, error): the uploaded file, or the photo kept in the form."""
        _ = request.env._
        upload = request.httprequest.files.get("photo")
        data = upload.read(PHOTO_MAX_BYTES + 1) if upload and upload.filename else b""
        if not data:
            kept = form.get("photo_data") or ""
            if not kept:
                return False, None
            if not isinstance(kept, str) or len(kept) > PHOTO_DATA_MAX_LENGTH:
                return False, _("Choose the photo again.")
            try:
                data = base64.b64decode(kept, validate=True)
            except (binascii.Error, ValueError):
                return False, _("Choose the photo again.")
        if len(data) > PHOTO_MAX_BYTES:
            return False, _("The photo is too large: 10 MB at most.")
        if guess_mimetype(data) not in PHOTO_TYPES:
            return False, _("The photo must be a JPEG, PNG or GIF image.")
        try:
            photo = image_process(data, size=(1024, 1024), verify_resolution=True)
        except (UserError, ValueError, OSError):
            return False, _("This file could not be read as an image: choose another photo.")
        return base64.b64encode(photo).decode(), None

    def _coop_read_form(self, form):
        """(values, error) of the form: what to correct, or the suggestion's values."""
        _ = request.env._
        name = clean_text(form.get("name"), NAME_MAX_LENGTH)
        producer = clean_text(form.get("producer"), PRODUCER_MAX_LENGTH)
        reason = clean_text(form.get("reason"), REASON_MAX_LENGTH)
        if not name:
            return None, _("Name the product in %s characters at most.", NAME_MAX_LENGTH)
        if producer is None:
            return None, _("Name the producer in %s characters at most.", PRODUCER_MAX_LENGTH)
        if reason is None:
            return None, _("Say why in %s characters at most.", REASON_MAX_LENGTH)
        values = {"name": name, "producer": producer or False, "reason": reason or False}
        if form.get("category_id"):
            category = self._coop_categories().browse(parse_id(form["category_id"]) or [])
            if not category.exists():
                return None, _("Choose a category of the list.")
            values["category_id"] = category.id
        return values, None

    @http.route(
        "/my/suggestions/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        readonly=False,
    )
    def portal_suggestion_new(self, **form):
        if not self._coop_suggestion_member():
            return self._coop_suggestions_members_only()
        if request.httprequest.method != "POST":
            return self._coop_suggestion_form()
        form = {key: value for key, value in form.items() if isinstance(value, str)}
        # A photo that is fine is kept in the form whatever else is to correct.
        photo, photo_error = self._coop_read_photo(form)
        form["photo_data"] = photo or ""
        values, error = self._coop_read_form(form)
        if error or photo_error:
            return self._coop_suggestion_form(form, error or photo_error)
        if photo:
            values["image_1920"] = photo
        Suggestion = request.env["coop.product.suggestion"]
        if form.get("confirm") != "1":
            similar = Suggestion._coop_similar(values["name"])
            if any(similar):
                return self._coop_suggestion_form({**form, "confirm": "1"}, None, similar)
        try:
            with request.env.cr.savepoint():
                suggestion = Suggestion.create(values)
        except (ValidationError, UserError, AccessError) as exc:
            return self._coop_suggestion_form(form, exc.args[0])
        message = request.env._("Your suggestion is posted: other members may now support it.")
        return request.redirect(
            f"/my/suggestions/{suggestion.id}?{urlencode({'message': message})}"
        )

    # === ONE SUGGESTION ===#

    @staticmethod
    def _coop_author_card(suggestion):
        """The author's card in the directory, when they are in it (else None)."""
        author = suggestion.sudo().author_id
        if not author:
            return None
        Profile = request.env["coop.directory.profile"]
        profile = Profile.sudo().search(
            [("partner_id", "=", author.id), *Profile._coop_member_domain()], limit=1
        )
        return profile._coop_card() if profile else None

    @http.route(
        "/my/suggestions/<int:suggestion_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_suggestion(self, suggestion_id, message=None, error=None, **kwargs):
        if not self._coop_suggestion_member():
            return self._coop_suggestions_members_only()
        suggestion = self._coop_suggestion(suggestion_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_suggestion",
            suggestion=suggestion,
            author_card=self._coop_author_card(suggestion),
            message=message,
            error=error,
        )
        return request.render("coop_member_shifts.portal_suggestion", values)

    @http.route(
        "/my/suggestions/<int:suggestion_id>/support",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_suggestion_support(self, suggestion_id, **kwargs):
        if not self._coop_suggestion_member():
            return self._coop_suggestions_members_only()
        suggestion = self._coop_suggestion(suggestion_id)
        Support = request.env["coop.product.suggestion.support"]
        return self._coop_suggestion_act(
            suggestion,
            lambda: Support._coop_support(suggestion),
            request.env._("Thank you: your support is counted."),
        )

    @http.route(
        "/my/suggestions/<int:suggestion_id>/unsupport",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_suggestion_unsupport(self, suggestion_id, **kwargs):
        if not self._coop_suggestion_member():
            return self._coop_suggestions_members_only()
        suggestion = self._coop_suggestion(suggestion_id)
        Support = request.env["coop.product.suggestion.support"]
        return self._coop_suggestion_act(
            suggestion,
            lambda: Support._coop_unsupport(suggestion),
            request.env._("Your support is withdrawn."),
        )

    @staticmethod
    def _coop_suggestion_act(suggestion, action, message):
        url = f"/my/suggestions/{suggestion.id}"
        try:
            with request.env.cr.savepoint():
                action()
        except (UserError, AccessError) as exc:
            return request.redirect(f"{url}?{urlencode({'error': exc.args[0]})}")
        return request.redirect(f"{url}?{urlencode({'message': message})}")
