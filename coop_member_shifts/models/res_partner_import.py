from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, format_date

MEMBER_STATES = ("paid", "free", "invoiced", "waiting")


class ResPartner(models.Model):
    """Members brought in from the coop's spreadsheet, with their membership start: each
    row is checked and a file with one wrong row imports nothing."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_member_since = fields.Date(
        string="Member Since",
        help="The day the member joined the coop, as kept in the coop's own books (set by "
        "the members' import, or by hand).",
    )

    @api.constrains("coop_member_since")
    def _check_coop_member_since(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.coop_member_since and partner.coop_member_since > today:
                raise ValidationError(
                    self.env._(
                        "%(member)s: a membership cannot start after today (%(date)s).",
                        member=partner.display_name,
                        date=format_date(self.env, partner.coop_member_since),
                    )
                )

    @api.model
    def get_import_templates(self):
        return super().get_import_templates() + [
            {
                "label": self.env._("Import Template for Coop Members"),
                "template": "/coop_member_shifts/static/xls/coop_members.xlsx",
            }
        ]

    @api.model
    def _coop_import_kind(self, fields):
        """The members' import is the one that sets the membership start."""
        mapped = {field.split("/")[0] for field in fields if field}
        return "members" if "coop_member_since" in mapped else False

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("coop_import") == "members":
            self._coop_check_member_rows(vals_list)
        return super().create(vals_list)

    # === BUSINESS METHODS ===#

    def _coop_is_member(self):
        """A member of the coop: a membership (paid, free, invoiced, waiting) or a start."""
        self.ensure_one()
        return bool(self.coop_member_since) or self.membership_state in MEMBER_STATES

    @api.model
    def _coop_check_member_rows(self, vals_list):
        """Each imported member has a name and a membership start, an e-mail used by nobody
        else, and appears once in the file."""
        seen = set()
        for vals in vals_list:
            name = (vals.get("name") or "").strip()
            if not name:
                raise ValidationError(self.env._("A member of the file has no name."))
            if not vals.get("coop_member_since"):
                raise ValidationError(
                    self.env._("%(member)s: the membership start is missing.", member=name)
                )
            email = vals.get("email") and email_normalize(vals["email"])
            if vals.get("email") and not email:
                raise ValidationError(
                    self.env._(
                        "%(member)s: %(email)s is not an e-mail address.",
                        member=name,
                        email=vals["email"],
                    )
                )
            key = email or name.casefold()
            if key in seen or (email and self.search_count([("email", "=ilike", email)])):
                raise ValidationError(
                    self.env._(
                        "%(member)s: this member is twice in the file, or is already in "
                        "Odoo (same e-mail address).",
                        member=name,
                    )
                )
            seen.add(key)
