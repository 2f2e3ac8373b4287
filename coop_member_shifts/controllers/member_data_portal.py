import contextlib
from urllib.parse import urlencode

from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MemberDataPortal(CustomerPortal):
    """A member downloads their data and asks for its erasure (GDPR art. 15, 17, 20).

    Every route works on the logged-in user's own member only: no route takes a member's id,
    and an erasure request is shown only to the member it is about.
    """

    def _coop_member(self):
        return request.env.user.partner_id.commercial_partner_id.sudo()

    def _coop_erasure_requests(self, member):
        return request.env["coop.erasure.request"].sudo().search([("partner_id", "=", member.id)])

    @http.route("/my/data", type="http", auth="user", website=True, readonly=True)
    def portal_my_data(self, message=None, **kwargs):
        member = self._coop_member()
        erasures = self._coop_erasure_requests(member)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_my_data",
            member=member,
            erasures=erasures,
            open_erasure=erasures.filtered(lambda erasure: erasure.state == "requested")[:1],
            message=message,
        )
        return request.render("coop_member_shifts.portal_my_data", values)

    @http.route("/my/data/export", type="http", auth="user", website=True, readonly=True)
    def portal_my_data_export(self, **kwargs):
        member = self._coop_member()
        content = member._coop_data_export_json()
        filename = "my-coop-data-%s.json" % fields.Date.context_today(member)
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(filename)),
        ]
        return request.make_response(content, headers)

    @http.route(
        "/my/data/erasure", type="http", auth="user", methods=["POST"], website=True, readonly=False
    )
    def portal_my_data_erasure(self, **kwargs):
        """Ask for erasure; a second request while one is open is not created twice."""
        member = self._coop_member()
        if not self._coop_erasure_requests(member).filtered(lambda e: e.state == "requested"):
            # Sent twice at once, the second is refused: the first one is recorded.
            with contextlib.suppress(UserError):
                erasure = (
                    request.env["coop.erasure.request"].sudo().create({"partner_id": member.id})
                )
                erasure._coop_ask_managers()
        message = _("Your request is recorded: a coop manager will handle it and tell you.")
        return request.redirect("/my/data?" + urlencode({"message": message}))

    @http.route(
        "/my/data/erasure/<int:erasure_id>", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_data_erasure_page(self, erasure_id, **kwargs):
        member = self._coop_member()
        erasure = request.env["coop.erasure.request"].sudo().browse(erasure_id).exists()
        if not erasure or erasure.partner_id != member:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(page_name="coop_my_data", member=member, erasure=erasure)
        return request.render("coop_member_shifts.portal_my_erasure_request", values)
