"""Beneficiaries of solidarity deliveries: eligibility, consent, call list.

Why a member is a beneficiary is special-category data (health, isolation): those fields are
restricted by ``groups=`` to the delivery coordinators, as Odoo restricts ``hr.employee``'s
private fields, so that Odoo itself refuses to read, search, group, order, export or write
them for anybody else. The call centre reads only whether a member is eligible.
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.field_access import check_create_field_access

UNSEEN_WEEKS_PARAM = "coop_solidarity_delivery.unseen_weeks"
DEFAULT_UNSEEN_WEEKS = 6
COORDINATORS = "coop_solidarity_delivery.group_coop_delivery_coordinator"
CALL_CENTRE = "coop_solidarity_delivery.group_coop_call_centre"
# Set by the server when a coordinator approves; never from the client.
APPROVAL_FIELDS = ("coop_eligibility_approved_by_id", "coop_eligibility_approved_date")
# Why a member gets deliveries; a static list wherever it is used, so that Odoo exports and
# translates its labels (a selection given by a function is never translated).
BENEFICIARY_REASONS = [
    ("isolated", "Isolated"),
    ("vulnerable", "Vulnerable"),
    ("temporary", "Temporarily unable"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_is_beneficiary = fields.Boolean(
        string="Eligible for Delivery",
        copy=False,
        groups=CALL_CENTRE,
        help="May ask the coop for solidarity deliveries. Set by a delivery coordinator.",
    )
    coop_beneficiary_reason = fields.Selection(
        BENEFICIARY_REASONS,
        string="Eligibility Reason",
        copy=False,
        groups=COORDINATORS,
    )
    coop_beneficiary_note = fields.Text(
        string="Eligibility Details", copy=False, groups=COORDINATORS
    )
    coop_data_consent = fields.Boolean(
        string="Consents to Data Processing",
        copy=False,
        groups=COORDINATORS,
        help="The member agreed that the coop keeps and shares with the assigned volunteers "
        "the data needed for the delivery.",
    )
    coop_data_consent_date = fields.Date(string="Consent Date", copy=False, groups=COORDINATORS)
    coop_eligibility_approved_by_id = fields.Many2one(
        "res.users",
        string="Eligibility Approved By",
        readonly=True,
        copy=False,
        groups=COORDINATORS,
    )
    coop_eligibility_approved_date = fields.Datetime(
        string="Eligibility Approved On", readonly=True, copy=False, groups=COORDINATORS
    )

    @api.constrains("coop_is_beneficiary", "coop_data_consent")
    def _check_coop_beneficiary_consent(self):
        for partner in self.sudo():
            if partner.coop_is_beneficiary and not partner.coop_data_consent:
                raise ValidationError(
                    _(
                        "%s cannot be made eligible for delivery without their consent to the "
                        "processing of their data.",
                        partner.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_create_field_access(self, vals_list)
        for vals in vals_list:
            self._coop_check_eligibility_write(vals)
        vals_list = [{**vals, **self._coop_approval_values(vals)} for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        self._coop_check_eligibility_write(vals)
        return super().write({**vals, **self._coop_approval_values(vals)})

    # === ACTIONS ===#

    def action_coop_approve_eligibility(self):
        """Make the members eligible; who and when are recorded by the server."""
        if not self.env.su and not self.env.user.has_group(COORDINATORS):
            raise AccessError(
                _("Only a delivery coordinator may approve eligibility for delivery.")
            )
        for partner in self:
            if not partner.coop_data_consent:
                raise UserError(
                    _("Record %s's consent to data processing before approving.", partner.name)
                )
        self.sudo().write(
            {
                "coop_is_beneficiary": True,
                "coop_eligibility_approved_by_id": self.env.uid,
                "coop_eligibility_approved_date": fields.Datetime.now(),
            }
        )

    def action_coop_withdraw_eligibility(self):
        """No more deliveries for these members: a delivery coordinator's decision."""
        if not self.env.su and not self.env.user.has_group(COORDINATORS):
            raise AccessError(
                _("Only a delivery coordinator may withdraw eligibility for delivery.")
            )
        self.sudo().write({"coop_is_beneficiary": False})

    @api.model
    def action_coop_open_call_list(self):
        """The call list: its members are chosen on the server (the criteria read restricted
        fields), the action only names them. For the call centre only: the list tells who is
        vulnerable."""
        if not self.env.su and not self.env.user.has_group(CALL_CENTRE):
            raise AccessError(_("The call list is for the call centre and the coordinators."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_solidarity_delivery.res_partner_action_call_list"
        )
        action["domain"] = [("id", "in", self._coop_call_list_ids())]
        return action

    # === BUSINESS METHODS ===#

    def _coop_check_eligibility_write(self, vals):
        """Eligibility, who approved it and when are written by the server only: the actions
        ``action_coop_approve_eligibility`` and ``action_coop_withdraw_eligibility`` check the
        group and write them as the superuser (loading data as the superuser may set them)."""
        if self.env.su:
            return
        if any(name in vals for name in APPROVAL_FIELDS):
            raise AccessError(
                _("Who approved an eligibility, and when, is recorded by the server only.")
            )
        if "coop_is_beneficiary" in vals:
            raise AccessError(
                _(
                    "Eligibility for delivery is approved or withdrawn with the buttons of the "
                    "contact, by a delivery coordinator."
                )
            )

    def _coop_approval_values(self, vals):
        if vals.get("coop_is_beneficiary") and not any(name in vals for name in APPROVAL_FIELDS):
            return {
                "coop_eligibility_approved_by_id": self.env.uid,
                "coop_eligibility_approved_date": fields.Datetime.now(),
            }
        return {}

    @api.model
    def _coop_call_list_ids(self):
        """Ids of the members the call centre should phone (people, not companies): the
        vulnerable ones, and members who have not ordered for a number of weeks (set in
        Settings). Computed as the superuser: the criteria are restricted fields, the list
        itself is name and phone."""
        weeks = int(self.env["ir.config_parameter"].sudo().get_param(UNSEEN_WEEKS_PARAM) or 0)
        since = fields.Datetime.now() - timedelta(weeks=weeks or DEFAULT_UNSEEN_WEEKS)
        recent_buyers = (
            self.env["sale.order"]
            .sudo()
            ._read_group([("state", "=", "sale"), ("date_order", ">=", since)], ["partner_id"])
        )
        seen_ids = [partner.id for (partner,) in recent_buyers]
        domain = [
            ("coop_anonymised", "=", False),
            ("is_company", "=", False),
            "|",
            "&",
            ("coop_is_beneficiary", "=", True),
            ("coop_beneficiary_reason", "=", "vulnerable"),
            "&",
            ("membership_state", "in", ("paid", "free", "invoiced")),
            ("id", "not in", seen_ids),
        ]
        return self.sudo().search(domain).ids
