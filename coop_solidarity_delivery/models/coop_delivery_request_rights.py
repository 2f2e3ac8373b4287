"""Who moves a delivery request: its state, its preparer and its deliverer (who get volunteer
hours when it is delivered) are written by the request's action methods, the volunteer
matching and the couriers, as the superuser after their checks; by hand, by a delivery
coordinator only. Anybody else's write, import or RPC of them is refused."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

COORDINATORS = "coop_solidarity_delivery.group_coop_delivery_coordinator"
CALL_CENTRE = "coop_solidarity_delivery.group_coop_call_centre"
RIGHT_FIELDS = ("state", "deliverer_id", "preparer_id")


class CoopDeliveryRequest(models.Model):
    _inherit = "coop.delivery.request"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (
                vals.get("state", "new") != "new"
                or vals.get("deliverer_id")
                or vals.get("preparer_id")
            ):
                self._coop_check_may_move()
        return super().create(vals_list)

    def write(self, vals):
        if any(
            request._coop_value_changes(name, vals[name])
            for request in self
            for name in RIGHT_FIELDS
            if name in vals
        ):
            self._coop_check_may_move()
        return super().write(vals)

    # === BUSINESS METHODS ===#

    def _coop_value_changes(self, name, value):
        current = self[name]
        if self._fields[name].type == "many2one":
            return current.id != (value or False)
        return current != value

    def _coop_check_may_move(self):
        if not self.env.su and not self.env.user.has_group(COORDINATORS):
            raise AccessError(
                self.env._(
                    "The state, the preparer and the deliverer of a delivery request change "
                    "through its buttons; a delivery coordinator may set them by hand."
                )
            )

    def _coop_check_delivery_team(self):
        """The actions of a request are for the call centre and the coordinators."""
        if not self.env.su and not self.env.user.has_group(CALL_CENTRE):
            raise AccessError(
                self.env._("Only the call centre and the coordinators move delivery requests.")
            )

    def _coop_check_not_own_hours(self):
        """Nobody marks delivered a request that credits them hours (the ledger's rule: nobody
        validates their own work), refused before anything moves."""
        if self.env.su:
            return
        own = self.env.user.partner_id
        for request in self.sudo():
            if own in request.preparer_id | request.deliverer_id:
                raise UserError(
                    self.env._(
                        "%s credits you volunteer hours: another coordinator marks it delivered.",
                        request.name,
                    )
                )
