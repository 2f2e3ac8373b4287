from urllib.parse import urlencode

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class SkillPortal(CustomerPortal):
    """A member declares and removes their own skills. Every route works on the logged-in
    member only, through ``coop.member.skill``'s own-member methods (no member id is taken)."""

    @http.route("/my/skills", type="http", auth="user", website=True, readonly=True)
    def portal_my_skills(self, message=None, error=None, **kwargs):
        member = request.env.user.partner_id.commercial_partner_id
        # Read as superuser for any logged-in user, the member's own skills only.
        mine = request.env["coop.member.skill"].sudo().search([("partner_id", "=", member.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_my_skills",
            member_skills=mine,
            available=request.env["coop.skill"]
            .sudo()
            .search([("id", "not in", mine.skill_id.ids)]),
            message=message,
            error=error,
        )
        return request.render("coop_member_shifts.portal_my_skills", values)

    @http.route(
        "/my/skills/add", type="http", auth="user", methods=["POST"], website=True, readonly=False
    )
    def portal_add_skill(self, skill_id=None, **kwargs):
        return self._coop_skill_change(
            lambda: request.env["coop.member.skill"]._coop_declare_own(skill_id).skill_id,
            lambda skill: (
                _("%s is added: a coordinator will confirm it.", skill.name)
                if skill.needs_confirmation
                else _("%s is added to your skills.", skill.name)
            ),
        )

    @http.route(
        "/my/skills/remove",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_remove_skill(self, skill_id=None, **kwargs):
        return self._coop_skill_change(
            lambda: request.env["coop.member.skill"]._coop_withdraw_own(skill_id),
            lambda skill: _("%s is removed from your skills.", skill.name),
        )

    def _coop_skill_change(self, change, message):
        """Run ``change`` in a savepoint; back to the page with its message or its error."""
        try:
            with request.env.cr.savepoint():
                skill = change()
        except (UserError, AccessError) as exc:
            return request.redirect("/my/skills?" + urlencode({"error": exc.args[0]}))
        return request.redirect("/my/skills?" + urlencode({"message": message(skill)}))
