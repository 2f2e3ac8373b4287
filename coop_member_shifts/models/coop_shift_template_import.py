from odoo import api, models
from odoo.exceptions import ValidationError


class CoopShiftTemplate(models.Model):
    """Shift templates and their fixed teams imported from the coop's spreadsheet: each row
    is checked and named in its message; a file with one wrong row imports nothing."""

    _inherit = "coop.shift.template"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Shift Templates and Teams"),
                "template": "/coop_member_shifts/static/xls/coop_shift_templates.xlsx",
            }
        ]

    @api.model
    def _coop_import_kind(self, fields):
        return "shift_templates"

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("coop_import") != "shift_templates":
            return super().create(vals_list)
        for vals in vals_list:
            self._coop_check_import_row(vals)
        templates = super().create(vals_list)
        templates._coop_check_import_teams()
        return templates

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_check_import_row(self, vals):
        task = self.env["coop.task.type"].browse(vals.get("task_type_id"))
        label = self._coop_row_label(task, vals)
        if not task:
            raise ValidationError(label + self.env._("the task is missing."))
        start, end = vals.get("start_hour"), vals.get("end_hour")
        if start is None or end is None or not 0 <= start < end <= 24:
            raise ValidationError(
                label
                + self.env._(
                    "a shift starts and ends between 0 and 24 h, and ends after it starts."
                )
            )
        if vals.get("seats") is not None and vals["seats"] <= 0:
            raise ValidationError(label + self.env._("a shift needs at least one seat."))

    def _coop_check_import_teams(self):
        for template in self:
            strangers = template.partner_ids.filtered(lambda p: not p._coop_is_member())
            if strangers:
                raise ValidationError(
                    self._coop_row_label(template.task_type_id, template._coop_row_values())
                    + self.env._(
                        "%s: not members of the coop (import the members first).",
                        ", ".join(strangers.mapped("display_name")),
                    )
                )
            if self.search_count(template._coop_same_template_domain()) > 1:
                raise ValidationError(
                    self._coop_row_label(template.task_type_id, template._coop_row_values())
                    + self.env._("this shift is twice in the file, or already exists.")
                )

    def _coop_row_values(self):
        return {"weekday": self.weekday, "start_hour": self.start_hour, "end_hour": self.end_hour}

    def _coop_same_template_domain(self):
        return [
            ("task_type_id", "=", self.task_type_id.id),
            ("weekday", "=", self.weekday),
            ("start_hour", "=", self.start_hour),
            ("end_hour", "=", self.end_hour),
            ("recurrence", "=", self.recurrence),
            ("cycle_week", "=", self.cycle_week),
        ]

    @api.model
    def _coop_row_label(self, task, vals):
        day = dict(self._fields["weekday"]._description_selection(self.env)).get(
            vals.get("weekday") or "0", ""
        )
        start = vals.get("start_hour") or 0.0
        return self.env._(
            "Row %(task)s, %(day)s %(hours)02d:%(minutes)02d: ",
            task=task.display_name or "?",
            day=day,
            hours=int(start),
            minutes=round(start % 1 * 60),
        )
