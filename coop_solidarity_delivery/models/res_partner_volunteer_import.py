from odoo import api, models
from odoo.exceptions import ValidationError

VOLUNTEER_FIELDS = {
    "coop_is_volunteer",
    "coop_can_prepare",
    "coop_can_deliver",
    "coop_can_call",
    "coop_radius_km",
    "coop_transport",
    "coop_weekday_ids",
    "coop_weekly_max",
    "coop_notify_consent",
}
ROLE_FIELDS = ("coop_can_prepare", "coop_can_deliver", "coop_can_call")


class ResPartner(models.Model):
    """Volunteers' profiles imported from the coop's spreadsheet onto members already in Odoo
    (found by their member number): each row is checked, one wrong row imports nothing."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def get_import_templates(self):
        return super().get_import_templates() + [
            {
                "label": self.env._("Import Template for Delivery Volunteers"),
                "template": "/coop_solidarity_delivery/static/xls/coop_volunteers.xlsx",
            }
        ]

    @api.model
    def _coop_import_kind(self, fields):
        kind = super()._coop_import_kind(fields)
        mapped = {field.split("/")[0] for field in fields if field}
        return kind or ("volunteers" if mapped & VOLUNTEER_FIELDS else False)

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("coop_import") == "volunteers":
            names = ", ".join(vals.get("name") or "?" for vals in vals_list)
            raise ValidationError(
                self.env._(
                    "%(names)s: no member has this member number. Import the members first, "
                    "or correct the number.",
                    names=names,
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if self.env.context.get("coop_import") != "volunteers":
            return super().write(vals)
        if any(vals.get(role) for role in ROLE_FIELDS):
            vals.setdefault("coop_is_volunteer", True)
        for partner in self:
            partner._coop_check_volunteer_row(vals)
        return super().write(vals)

    # === BUSINESS METHODS ===#

    def _coop_check_volunteer_row(self, vals):
        name = vals.get("name") or self.display_name
        if not self._coop_is_member():
            raise ValidationError(
                self.env._("%s is not a member of the coop: import the members first.", name)
            )
        roles = [vals.get(role, self[role]) for role in ROLE_FIELDS]
        if vals.get("coop_is_volunteer", self.coop_is_volunteer) and not any(roles):
            raise ValidationError(
                self.env._("%s: a volunteer prepares, delivers or calls: give a role.", name)
            )
        if vals.get("coop_weekly_max", 0) < 0:
            raise ValidationError(
                self.env._("%s: the weekly maximum of deliveries cannot be negative.", name)
            )
        if vals.get("coop_radius_km", 1) < 0:
            raise ValidationError(self.env._("%s: the radius cannot be negative.", name))
