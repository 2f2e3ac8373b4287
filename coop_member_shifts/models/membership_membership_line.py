from odoo import api, fields, models

from .res_partner_fee import FEE_SOURCES


class MembershipLine(models.Model):
    """Each membership keeps the bracket its fee came from (never the income), for the
    report of members and revenue by bracket."""

    _inherit = "membership.membership_line"

    coop_fee_bracket = fields.Char(string="Fee Bracket", readonly=True)
    coop_fee_source = fields.Selection(FEE_SOURCES, string="Fee From", readonly=True)
    coop_renewal_notified = fields.Boolean(
        string="Renewal Notice Sent",
        readonly=True,
        help="The member was e-mailed their renewal fee before this membership ends.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines.filtered(lambda line: line.partner and line.membership_id):
            details = line.partner._coop_fee_details(line.membership_id)
            if details["source"] != "none":
                line.write(
                    {"coop_fee_bracket": details["bracket"], "coop_fee_source": details["source"]}
                )
        return lines
