from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_call_list_user(self):
        """Calls to make go to the call centre (its first member of the company), else to the
        delivery coordinator."""
        group = self.env.ref("coop_solidarity_delivery.group_coop_call_centre").sudo()
        callers = group.users.filtered(
            lambda user: (
                user.active
                and not user.share
                and not user._is_superuser()
                and self.env.company in user.company_ids
            )
        )
        return callers.sorted("id")[:1] or self._coop_delivery_coordinator_user()
