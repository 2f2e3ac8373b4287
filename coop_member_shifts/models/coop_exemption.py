from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    reduced_hours = fields.Float(
        string="Hours a Month Meanwhile",
        help="Hours still owed each month during the exemption: 0 for a full exemption.",
        tracking=True,
    )
    may_shop = fields.Boolean(string="May Shop Meanwhile", default=True, tracking=True)
    note = fields.Text()
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
    def _compute_display_name(self):
        labels = dict(self._fields["reason"]._description_selection(self.env))
        for exemption in self:
            exemption.display_name = f"{exemption.partner_id.name}: {labels.get(exemption.reason)}"
