"""An erasure also closes what the solidarity delivery keeps open in the person's name."""

from odoo import models

from .coop_delivery_request import OPEN_STATES


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_erasure_close_open(self):
        """Standing orders stopped (no new order every week), pending delivery requests
        cancelled (their shopping list no longer needed: a beneficiary with a request ahead
        can be erased), volunteer offers withdrawn and the deliveries the person holds as a
        volunteer given back to the coordinator."""
        closed = super()._coop_erasure_close_open()
        partner = self.sudo()
        standing = (
            self.env["coop.standing.order"]
            .sudo()
            .search([("partner_id", "child_of", partner.id), ("state", "!=", "stopped")])
        )
        if standing:
            standing.action_stop()
            closed.append(self.env._("Standing orders stopped: %s", len(standing)))
        Request = self.env["coop.delivery.request"].sudo()
        requests = Request.search(
            [("beneficiary_id", "=", partner.id), ("state", "in", OPEN_STATES)]
        )
        if requests:
            requests.action_cancel()
            closed.append(
                self.env._("Delivery requests cancelled: %s", ", ".join(requests.mapped("name")))
            )
        partner._coop_volunteer_expire_offers()
        held = Request.search(
            [
                "|",
                ("deliverer_id", "=", partner.id),
                ("preparer_id", "=", partner.id),
                ("state", "in", OPEN_STATES),
            ]
        )
        if held:
            held._coop_erasure_release_volunteer(partner)
            closed.append(
                self.env._(
                    "Deliveries given back to the coordinator: %s",
                    ", ".join(held.mapped("name")),
                )
            )
        if partner.coop_is_volunteer or partner.coop_notify_consent:
            partner.sudo().write({"coop_is_volunteer": False, "coop_notify_consent": False})
        return closed

    def _coop_erase_texts(self):
        """The notes the person wrote when giving deliveries back are emptied too."""
        res = super()._coop_erase_texts()
        self.env["coop.delivery.give.back"].sudo().search(
            [("volunteer_id", "=", self.id), ("note", "!=", False)]
        ).write({"note": False})
        return res
