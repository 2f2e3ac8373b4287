from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COORDINATOR_GROUP = "coop_member_shifts.group_coop_shift_coordinator"


class CoopExemption(models.Model):
    _name = "coop.exemption"
    _description = "Volunteer Work Exemption"
    _inherit = ["mail.thread"]
    _order = "date_from desc"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True)
    reason = fields.Selection(
        [
            ("health", "Health"),
            ("parental", "Parental leave"),
            ("holiday", "Holiday"),
            ("other", "Other"),
        ],
        required=True,
        default="health",
        tracking=True,
        groups=COORDINATOR_GROUP,
        help="Health is personal data of a special category: shift coordinators and managers "
        "only read the reason; shop staff see the dates and whether the member may shop.",
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    reduced_hours = fields.Float(
        string="Hours a Month Meanwhile",
        help="Hours still owed each month during the exemption: 0 for a full exemption.",
        tracking=True,
    )
    may_shop = fields.Boolean(string="May Shop Meanwhile", default=True, tracking=True)
    note = fields.Text(groups=COORDINATOR_GROUP)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for exemption in self:
            if exemption.date_to < exemption.date_from:
                raise ValidationError(_("An exemption cannot end before it starts."))

    @api.constrains("reduced_hours")
    def _check_reduced_hours(self):
        if any(exemption.reduced_hours < 0 for exemption in self):
            raise ValidationError(_("Reduced hours cannot be negative."))

    @api.depends("partner_id", "reason")
    @api.depends_context("uid")
    def _compute_display_name(self):
        """The reason shows only to those who may read it."""
        labels = dict(self._fields["reason"]._description_selection(self.env))
        show_reason = self._fields["reason"].is_accessible(self.env)
        for exemption in self:
            reason = labels.get(exemption.reason) if show_reason else _("Exemption")
            exemption.display_name = f"{exemption.partner_id.name}: {reason}"

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        exemptions = super().create(vals_list)
        self.env["coop.work.entry"]._invalidate_member_status()
        return exemptions

    def write(self, vals):
        result = super().write(vals)
        self.env["coop.work.entry"]._invalidate_member_status()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["coop.work.entry"]._invalidate_member_status()
        return result

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Volunteer work exemption created")
