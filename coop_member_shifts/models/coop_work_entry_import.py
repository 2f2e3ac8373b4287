from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class CoopWorkEntry(models.Model):
    """Opening balances of hours imported from the coop's spreadsheet: adjustment lines with
    their reason, to be validated by a shift coordinator like any other line (who validates
    is set by the server). A file with one wrong row imports nothing."""

    _inherit = "coop.work.entry"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Opening Balances of Hours"),
                "template": "/coop_member_shifts/static/xls/coop_opening_hours.xlsx",
            }
        ]

    @api.model
    def _coop_import_kind(self, fields):
        return "hours"

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("coop_import") != "hours":
            return super().create(vals_list)
        for vals in vals_list:
            vals.setdefault("kind", "adjustment")
            vals.setdefault("name", self.env._("Opening balance"))
            self._coop_check_import_row(vals)
        entries = super().create(vals_list)
        entries._coop_check_import_duplicates()
        return entries

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_check_import_row(self, vals):
        member = self.env["res.partner"].browse(vals.get("partner_id"))
        if not member:
            raise ValidationError(
                self.env._(
                    "A row of the file has no member (its member number is empty or unknown)."
                )
            )
        label = self._coop_row_label(member, vals.get("date"))
        if not member._coop_is_member():
            problem = self.env._("%s is not a member of the coop: import the members first.")
            raise ValidationError(label + problem % member.display_name)
        hours = vals.get("hours")
        if not isinstance(hours, int | float) or isinstance(hours, bool):
            raise ValidationError(label + self.env._("the number of hours is missing."))
        if hours <= 0:
            raise ValidationError(
                label + self.env._("the number of hours must be above 0 (%s in the file).", hours)
            )
        if vals["kind"] == "adjustment" and not (vals.get("reason") or "").strip():
            raise ValidationError(label + self.env._("the reason is missing."))
        if vals.get("date") and fields.Date.to_date(vals["date"]) > fields.Date.context_today(self):
            raise ValidationError(label + self.env._("the date is after today."))

    def _coop_check_import_duplicates(self):
        for entry in self:
            same = [
                ("partner_id", "=", entry.partner_id.id),
                ("date", "=", entry.date),
                ("kind", "=", entry.kind),
                ("hours", "=", entry.hours),
                ("reason", "=", entry.reason),
                ("state", "!=", "refused"),
            ]
            if self.search_count(same) > 1:
                raise ValidationError(
                    self._coop_row_label(entry.partner_id, entry.date)
                    + self.env._("the same line is twice in the file, or was imported before.")
                )

    @api.model
    def _coop_row_label(self, member, date):
        date = fields.Date.to_date(date or fields.Date.context_today(self))
        return self.env._(
            "Row of %(member)s on %(date)s: ",
            member=member.display_name,
            date=format_date(self.env, date),
        )
