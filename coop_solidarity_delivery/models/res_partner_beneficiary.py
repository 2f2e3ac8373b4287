"""Beneficiaries of solidarity deliveries: eligibility, consent, retention, call list."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RETENTION_PARAM = "coop_solidarity_delivery.beneficiary_retention_days"
DEFAULT_RETENTION_DAYS = 365
UNSEEN_WEEKS_PARAM = "coop_solidarity_delivery.unseen_weeks"
DEFAULT_UNSEEN_WEEKS = 6


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_is_beneficiary = fields.Boolean(
        string="Eligible for Delivery", help="May ask the coop for solidarity deliveries."
    )
    coop_beneficiary_reason = fields.Selection(
        [
            ("isolated", "Isolated"),
            ("vulnerable", "Vulnerable"),
            ("temporary", "Temporarily unable"),
        ],
        string="Eligibility Reason",
    )
    coop_beneficiary_note = fields.Text(string="Eligibility Details")
    coop_data_consent = fields.Boolean(
        string="Consents to Data Processing",
        help="The member agreed that the coop keeps and shares with the assigned volunteers "
        "the data needed for the delivery.",
    )
    coop_data_consent_date = fields.Date(string="Consent Date")
    coop_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    coop_eligibility_approved_by_id = fields.Many2one(
        "res.users", string="Eligibility Approved By", readonly=True, copy=False
    )

    @api.constrains("coop_is_beneficiary", "coop_data_consent")
    def _check_coop_beneficiary_consent(self):
        for partner in self:
            if partner.coop_is_beneficiary and not partner.coop_data_consent:
                raise ValidationError(
                    _(
                        "%s cannot be made eligible for delivery without their consent to the "
                        "processing of their data.",
                        partner.name,
                    )
                )

    # === ACTIONS ===#

    def action_coop_approve_eligibility(self):
        for partner in self:
            if not partner.coop_data_consent:
                raise UserError(
                    _("Record %s's consent to data processing before approving.", partner.name)
                )
        self.write({"coop_is_beneficiary": True, "coop_eligibility_approved_by_id": self.env.uid})

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_coop_anonymise_beneficiaries(self):
        """Erase the personal data of beneficiaries whose last request is older than the
        retention period set in Settings (members with a login are left to the coop)."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM) or 0)
        days = days or DEFAULT_RETENTION_DAYS
        limit = fields.Date.context_today(self) - timedelta(days=days)
        groups = self.env["coop.delivery.request"]._read_group(
            [], ["beneficiary_id"], ["delivery_date:max"]
        )
        stale = self.browse(
            partner.id for partner, last_date in groups if last_date and last_date < limit
        )
        stale.filtered(lambda p: not p.user_ids and not p.coop_anonymised)._coop_anonymise()

    def _coop_anonymise(self):
        requests = self.env["coop.delivery.request"].search([("beneficiary_id", "in", self.ids)])
        requests.sudo().write({"access_notes": False, "shopping_list": False})
        for partner in self:
            partner.write(
                {
                    "name": _("Anonymised member %s", partner.id),
                    "street": False,
                    "street2": False,
                    "city": False,
                    "phone": False,
                    "mobile": False,
                    "email": False,
                    "comment": False,
                    "partner_latitude": 0.0,
                    "partner_longitude": 0.0,
                    "coop_beneficiary_note": False,
                    "coop_is_beneficiary": False,
                    "coop_data_consent": False,
                    "coop_anonymised": True,
                }
            )
            partner.message_ids.unlink()

    @api.model
    def _coop_call_list_domain(self):
        """Members the call centre should phone: the vulnerable ones, and members who have not
        ordered for a number of weeks (set in Settings)."""
        weeks = int(self.env["ir.config_parameter"].sudo().get_param(UNSEEN_WEEKS_PARAM) or 0)
        since = fields.Datetime.now() - timedelta(weeks=weeks or DEFAULT_UNSEEN_WEEKS)
        recent_buyers = self.env["sale.order"]._read_group(
            [("state", "=", "sale"), ("date_order", ">=", since)], ["partner_id"]
        )
        seen_ids = [partner.id for (partner,) in recent_buyers]
        return [
            ("coop_anonymised", "=", False),
            "|",
            "&",
            ("coop_is_beneficiary", "=", True),
            ("coop_beneficiary_reason", "=", "vulnerable"),
            "&",
            ("membership_state", "in", ("paid", "free", "invoiced")),
            ("id", "not in", seen_ids),
        ]

    @api.model
    def action_coop_open_call_list(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.res_partner_action_call_list"
        )
        action["domain"] = self._coop_call_list_domain()
        return action
