from urllib.parse import urlencode

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.form_values import clean_text, parse_id

PAGE_SIZE = 12
SEARCH_LIMIT = 100
# The parts of a profile a member ticks on /my/directory/profile.
SWITCHES = ("published", "show_name", "show_photo", "show_neighbourhood", "show_skills")
SWITCHES += ("show_offer", "contactable")
TEXTS = ("neighbourhood", "offer")


class DirectoryPortal(CustomerPortal):
    """The members' directory: private to members, each profile showing its ticked parts.

    Routes read other members' profiles only through ``coop.directory.profile._coop_card``;
    the logged-in member's own profile is read and written as that member (record rules).
    """

    def _coop_directory_viewer(self):
        """The logged-in member, or None for a user who is not a member."""
        try:
            return request.env["coop.directory.profile"]._coop_viewer()
        except AccessError:
            return None

    def _coop_members_only(self):
        values = self._prepare_portal_layout_values()
        values["page_name"] = "coop_directory"
        return request.render("coop_member_shifts.portal_directory_members_only", values)

    def _coop_criteria(self, search, skill, neighbourhood):
        """(criteria, form, error) from the search form's values."""
        form = {"search": search or "", "skill": skill or "", "neighbourhood": neighbourhood or ""}
        text = clean_text(search, SEARCH_LIMIT)
        place = clean_text(neighbourhood, SEARCH_LIMIT)
        if text is None or place is None:
            error = _("Search for at most %(limit)s characters.", limit=SEARCH_LIMIT)
            return None, {**form, "search": "", "neighbourhood": ""}, error
        criteria = {"text": text, "neighbourhood": place, "skill": None}
        if skill:
            skill_record = request.env["coop.skill"].sudo().browse(parse_id(skill) or [])
            if not skill_record.exists():
                return None, {**form, "skill": ""}, _("This skill is not in the coop's list.")
            criteria["skill"] = skill_record
        return criteria, form, None

    @http.route("/my/directory", type="http", auth="user", website=True, readonly=True)
    def portal_directory(self, search="", skill="", neighbourhood="", page=1, **kwargs):
        if not self._coop_directory_viewer():
            return self._coop_members_only()
        Profile = request.env["coop.directory.profile"]
        criteria, form, error = self._coop_criteria(search, skill, neighbourhood)
        page = min(parse_id(page) or 1, 10_000)
        count, cards = 0, []
        if criteria is not None:
            count, cards = Profile._coop_directory(
                offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, **criteria
            )
        pager = portal_pager(
            url="/my/directory",
            url_args={k: v for k, v in form.items() if v},
            total=count,
            page=page,
            step=PAGE_SIZE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_directory",
            cards=cards,
            count=count,
            pager=pager,
            form=form,
            error=error,
            skills=request.env["coop.skill"].sudo().search([]),
        )
        return request.render("coop_member_shifts.portal_directory", values)

    @http.route(
        "/my/directory/<int:profile_id>", type="http", auth="user", website=True, readonly=True
    )
    def portal_directory_card(self, profile_id, message=None, error=None, **kwargs):
        if not self._coop_directory_viewer():
            return self._coop_members_only()
        profile = request.env["coop.directory.profile"]._coop_visible_profile(
            parse_id(profile_id) or 0
        )
        if not profile:
            raise request.not_found()
        return self._coop_render_card(profile, message=message, error=error)

    def _coop_render_card(self, profile, **extra):
        viewer = self._coop_directory_viewer()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_directory",
            card=profile._coop_card(),
            own=profile.partner_id == viewer,
            body="",
            message=None,
            error=None,
        )
        values.update(extra)
        return request.render("coop_member_shifts.portal_directory_card", values)

    @http.route(
        "/my/directory/<int:profile_id>/photo",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_directory_photo(self, profile_id, **kwargs):
        if not self._coop_directory_viewer():
            raise request.not_found()
        profile = request.env["coop.directory.profile"]._coop_visible_profile(
            parse_id(profile_id) or 0
        )
        if not profile or not profile._coop_card()["photo"]:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_image_stream_from(
            profile.partner_id.sudo(), "image_128"
        )
        return stream.get_response()

    @http.route(
        "/my/directory/<int:profile_id>/contact",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_directory_contact(self, profile_id, body="", **kwargs):
        if not self._coop_directory_viewer():
            return self._coop_members_only()
        Profile = request.env["coop.directory.profile"]
        profile = Profile._coop_visible_profile(parse_id(profile_id) or 0)
        if not profile:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                request.env["coop.directory.message"]._coop_send(profile.id, body)
        except UserError as exc:
            kept = clean_text(body, 2000) or ""
            return self._coop_render_card(profile, error=exc.args[0], body=kept)
        message = _("Your message is on its way: the coop sends it without your e-mail address.")
        return request.redirect(f"/my/directory/{profile.id}?" + urlencode({"message": message}))

    @http.route("/my/directory/profile", type="http", auth="user", website=True, readonly=False)
    def portal_directory_profile(self, message=None, **kwargs):
        viewer = self._coop_directory_viewer()
        if not viewer:
            return self._coop_members_only()
        profile = request.env["coop.directory.profile"]._coop_profile_for(viewer)
        return self._coop_render_profile(profile.sudo(False), message=message)

    def _coop_render_profile(self, profile, **extra):
        values = self._prepare_portal_layout_values()
        form = {name: profile[name] for name in SWITCHES + TEXTS}
        values.update(
            page_name="coop_directory",
            profile=profile,
            card=profile._coop_card(),
            form=form,
            skills=profile.partner_id.sudo().coop_skill_ids,
            message=None,
            error=None,
        )
        values.update(extra)
        return request.render("coop_member_shifts.portal_directory_profile", values)

    @http.route(
        "/my/directory/profile/save",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_directory_profile_save(self, **post):
        """Save the logged-in member's own profile; no id is taken from the form."""
        viewer = self._coop_directory_viewer()
        if not viewer:
            return self._coop_members_only()
        profile = request.env["coop.directory.profile"]._coop_profile_for(viewer).sudo(False)
        vals = {name: bool(post.get(name)) for name in SWITCHES}
        form = dict(vals)
        for name in TEXTS:
            form[name] = str(post.get(name) or "")[:1000]
            vals[name] = str(post.get(name) or "").replace("\x00", "").strip()
        try:
            with request.env.cr.savepoint():
                profile.write(vals)
        except (ValidationError, AccessError) as exc:
            return self._coop_render_profile(profile, form=form, error=exc.args[0])
        message = _("Your directory profile is saved.")
        return request.redirect("/my/directory/profile?" + urlencode({"message": message}))
