from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request, route

from odoo.addons.coop_member_shifts.tools.form_values import parse_token
from odoo.addons.sale.controllers.portal import CustomerPortal


class DriveCustomerPortal(CustomerPortal):
    @route(
        "/my/orders/<int:order_id>/coop_slot",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        readonly=False,
    )
    def portal_order_coop_slot(self, order_id, access_token=None, slot_id=None, **kwargs):
        """Change the pickup slot of an order from the portal, until the cut-off."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, parse_token(access_token)
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        env = request.env
        try:
            slot = env["coop.slot"].sudo().browse(int(slot_id or 0))
            order_sudo._coop_change_slot_from_portal(slot)
            request.session["coop_slot_message"] = env._("Your pickup slot is changed.")
        except (UserError, ValueError) as error:
            message = error.args[0] if isinstance(error, UserError) else None
            request.session["coop_slot_error"] = message or env._(
                "This pickup slot does not exist. Please choose another one."
            )
        return request.redirect(order_sudo.get_portal_url())
