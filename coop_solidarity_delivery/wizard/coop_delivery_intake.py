from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coop_member_shifts.models.res_partner_contact_channel import CONTACT_CHANNELS

from ..models.res_partner_beneficiary import BENEFICIARY_REASONS


class CoopDeliveryIntake(models.TransientModel):
    """A call-centre volunteer takes a delivery request by phone: find the member (or record
    them), note the need, choose the date."""

    _name = "coop.delivery.intake"
    _description = "Delivery Request by Phone"

    lookup = fields.Char(string="Find a Member", help="Part of the name or of the phone number.")
    partner_id = fields.Many2one("res.partner", string="Member")
    match_count = fields.Integer(compute="_compute_match_ids")
    match_ids = fields.Many2many("res.partner", compute="_compute_match_ids")
    new_name = fields.Char(string="Name")
    new_phone = fields.Char(string="Phone")
    new_mobile = fields.Char(string="Mobile phone")
    contact_channel = fields.Selection(
        CONTACT_CHANNELS,
        string="Reach By",
        help="How the coop tells the member about their delivery, as they asked on the "
        "phone; empty keeps what is recorded (else e-mail, SMS, then a phone call).",
    )
    new_street = fields.Char(string="Street")
    new_zip = fields.Char(string="Zip")
    new_city = fields.Char(string="City")
    reason = fields.Selection(BENEFICIARY_REASONS, string="Why a Delivery")
    consent = fields.Boolean(
        string="Consent Given",
        help="The member agreed, on the phone, that the coop keeps and shares with the "
        "assigned volunteer the data needed for the delivery.",
    )
    slot_id = fields.Many2one(
        "coop.slot",
        string="Wished Slot",
        domain=lambda self: [
            *self.env["coop.slot"]._coop_delivery_slots_domain(),
            ("cutoff", ">", fields.Datetime.now()),
        ],
        help="A delivery slot, when the coop has set some; otherwise just the date.",
    )
    delivery_date = fields.Date(
        string="Wished Date", required=True, default=lambda self: fields.Date.today() + timedelta(1)
    )
    shopping_list = fields.Text()
    access_notes = fields.Text()
    channel = fields.Selection(
        [("phone", "Phone"), ("call_centre", "Call centre")], default="call_centre", required=True
    )

    @api.depends("lookup")
    def _compute_match_ids(self):
        for intake in self:
            term = (intake.lookup or "").strip()
            if len(term) < 2:
                intake.match_ids = False
                intake.match_count = 0
                continue
            domain = [
                "|",
                "|",
                ("name", "ilike", term),
                ("phone", "ilike", term),
                ("mobile", "ilike", term),
            ]
            intake.match_ids = self.env["res.partner"].search(domain, limit=20)
            intake.match_count = len(intake.match_ids)

    @api.onchange("slot_id")
    def _onchange_slot_id(self):
        if self.slot_id:
            self.delivery_date = self.slot_id._local_start().date()

    @api.onchange("match_ids")
    def _onchange_match_ids(self):
        if len(self.match_ids) == 1:
            self.partner_id = self.match_ids

    def action_create_request(self):
        """Record the request by the same rules as the portal (a shopping list, a slot still
        open for booking: see ``coop.slot._check_booking``); for a member not eligible yet,
        record their consent and ask a delivery coordinator to approve (the call centre never
        approves)."""
        self.ensure_one()
        if not (self.shopping_list or "").strip():
            raise UserError(self.env["coop.delivery.request"]._shopping_list_missing_message())
        beneficiary = self.partner_id or self._create_member()
        if self.contact_channel:
            # The member's choice, checked by the contact's rules (a valid mobile for SMS).
            beneficiary.coop_contact_channel = self.contact_channel
        eligible = beneficiary.coop_is_beneficiary
        if not eligible:
            self._record_consent(beneficiary)
        request = self.env["coop.delivery.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "channel": self.channel,
                "slot_id": self.slot_id.id,
                "delivery_date": self.delivery_date,
                "shopping_list": self.shopping_list.strip(),
            }
        )
        if self.access_notes:
            # Written, never read back, by the call centre: the notes are the coordinators'.
            request.sudo().access_notes = self.access_notes
        if not eligible:
            self._ask_eligibility_approval(request)
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.delivery.request",
            "res_id": request.id,
            "view_mode": "form",
            "target": "current",
        }

    def _create_member(self):
        if not self.new_name:
            raise UserError(_("Find the member, or type their name to record them."))
        return self.env["res.partner"].create(
            {
                "name": self.new_name,
                "phone": self.new_phone,
                "mobile": self.new_mobile,
                "street": self.new_street,
                "zip": self.new_zip,
                "city": self.new_city,
                "country_id": self.env.company.country_id.id,
            }
        )

    def _record_consent(self, partner):
        if not self.consent:
            raise UserError(
                _(
                    "Ask %s for their consent to the processing of their data, and tick "
                    "'Consent Given', before recording a delivery.",
                    partner.name,
                )
            )
        # The consent was given on the phone and the box ticked: the server records it,
        # in fields the call centre may not read.
        partner = partner.sudo()
        partner.write(
            {
                "coop_data_consent": True,
                "coop_data_consent_date": fields.Date.context_today(self),
                "coop_beneficiary_reason": self.reason or partner.coop_beneficiary_reason,
            }
        )

    def _ask_eligibility_approval(self, request):
        request._coop_schedule_todo(
            self.env["res.partner"]._coop_delivery_coordinator_user(),
            lambda env: (
                env._("Approve eligibility: request by phone"),
                env._(
                    "%s asked for a delivery by phone and gave their consent; approve their "
                    "eligibility before looking for a volunteer.",
                    request.beneficiary_id.name,
                ),
            ),
        )
