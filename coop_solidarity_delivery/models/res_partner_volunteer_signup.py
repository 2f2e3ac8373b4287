"""Volunteers who signed up on the website: welcome, and approval before the first offer.

When the setting "Approve new volunteers before their first offer" is on, a confirmed
sign-up's volunteer waits for a coordinator's approval: the volunteer ranking leaves them out
(``coop_volunteer_pending_approval``) until then. Who approved and when is set by the server.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.mail import email_normalize

APPROVAL_PARAM = "coop_solidarity_delivery.volunteer_approval"
WELCOME_USER_PARAM = "coop_solidarity_delivery.volunteer_welcome_user_id"
COORDINATORS = "coop_solidarity_delivery.group_coop_delivery_coordinator"
# Written by the server only (the sign-up, the approval button), never from the client.
SERVER_FIELDS = (
    "coop_volunteer_pending_approval",
    "coop_volunteer_approved_by_id",
    "coop_volunteer_approved_date",
)

# Make a contact a volunteer offered deliveries (hours credited, addresses shown): set by the
# sign-up confirmation (as the superuser), the approval button and delivery coordinators only.
VOLUNTEER_RIGHT_FIELDS = ("coop_is_volunteer", "coop_can_deliver")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_volunteer_to_welcome = fields.Boolean(
        string="Volunteer to Welcome",
        copy=False,
        help="Signed up on the website: a coordinator should get in touch.",
    )
    coop_volunteer_pending_approval = fields.Boolean(
        string="Waiting for Approval",
        copy=False,
        readonly=True,
        help="Signed up on the website while approval is required: no delivery is offered to "
        "this volunteer until a coordinator approves.",
    )
    coop_volunteer_approved_by_id = fields.Many2one(
        "res.users", string="Volunteer Approved By", readonly=True, copy=False
    )
    coop_volunteer_approved_date = fields.Datetime(
        string="Volunteer Approved On", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coop_check_volunteer_server_fields(vals)
            if any(vals.get(name) for name in VOLUNTEER_RIGHT_FIELDS):
                self._coop_check_coordinator()
        return super().create(vals_list)

    def write(self, vals):
        self._coop_check_volunteer_server_fields(vals)
        changed = [name for name in VOLUNTEER_RIGHT_FIELDS if name in vals]
        if changed and any(
            bool(partner[name]) != bool(vals[name]) for partner in self for name in changed
        ):
            self._coop_check_coordinator()
        return super().write(vals)

    # === ACTIONS ===#

    def action_coop_approve_volunteer(self):
        """Let the volunteers be offered deliveries; who and when are recorded."""
        self._coop_check_coordinator()
        self.sudo().write(
            {
                "coop_is_volunteer": True,
                "coop_volunteer_pending_approval": False,
                "coop_volunteer_approved_by_id": self.env.uid,
                "coop_volunteer_approved_date": fields.Datetime.now(),
                "coop_volunteer_to_welcome": False,
            }
        )

    def action_coop_volunteer_welcomed(self):
        self._coop_check_coordinator()
        self.write({"coop_volunteer_to_welcome": False})

    # === BUSINESS METHODS ===#

    def _coop_check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATORS):
            raise AccessError(
                self.env._("Only a delivery coordinator may welcome or approve volunteers.")
            )

    def _coop_check_volunteer_server_fields(self, vals):
        if not self.env.su and any(name in vals for name in SERVER_FIELDS):
            raise AccessError(
                self.env._("Whether a volunteer is approved is recorded by the server only.")
            )

    @api.model
    def _coop_volunteer_from_signup(self, signup):
        """The contact of a confirmed ``signup`` with its volunteer profile: the existing
        contact of the e-mail (its name and address are kept: only an empty address is
        filled in), else a new contact."""
        partner = self._coop_find_by_email(signup.email_normalized)
        profile = {
            "coop_is_volunteer": True,
            "coop_can_prepare": signup.can_prepare or partner.coop_can_prepare,
            "coop_can_deliver": signup.can_deliver or partner.coop_can_deliver,
            "coop_can_call": signup.can_call or partner.coop_can_call,
            "coop_transport": signup.transport,
            "coop_radius_km": signup.radius_km,
            "coop_weekday_ids": [fields.Command.set(signup.weekday_ids.ids)],
            "coop_weekly_max": signup.weekly_max,
            "coop_notify_consent": True,
            "coop_volunteer_to_welcome": True,
        }
        if self._coop_volunteer_approval_required() and not partner.coop_volunteer_approved_date:
            profile["coop_volunteer_pending_approval"] = True
        address = {"street": signup.street, "zip": signup.zip, "city": signup.city}
        if not partner:
            partner = self.create(
                {
                    "name": signup.name,
                    "email": signup.email,
                    "phone": signup.phone,
                    "lang": signup.lang,
                    **address,
                    **profile,
                }
            )
        else:
            if not partner.street:
                profile.update(address)
            if not partner.phone and signup.phone:
                profile["phone"] = signup.phone
            partner.write(profile)
        partner._coop_schedule_welcome()
        return partner

    @api.model
    def _coop_find_by_email(self, email):
        """The contact of ``email`` (case and form aside): a person before a company, a
        user's contact before others, the oldest first."""
        email = email_normalize(email or "")
        if not email:
            return self.browse()
        partners = self.with_context(active_test=False).search(
            [("email_normalized", "=", email), ("is_company", "=", False)], order="id"
        )
        partners = partners.filtered("active") or partners
        return partners.filtered("user_ids")[:1] or partners[:1]

    @api.model
    def _coop_volunteer_approval_required(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param(APPROVAL_PARAM))

    def _coop_welcome_user(self):
        """The responsible set in Settings, or else the first delivery coordinator."""
        param = self.env["ir.config_parameter"].sudo().get_param(WELCOME_USER_PARAM)
        user = self.env["res.users"].sudo().browse(int(param or 0)).exists()
        if user:
            return user
        group = self.env.ref(COORDINATORS)
        return group.users.filtered(lambda u: not u.share and u.active).sorted("id")[:1]

    def _coop_schedule_welcome(self):
        user = self._coop_welcome_user()
        for partner in self:
            partner._coop_schedule_todo(
                user or self.env.user,
                lambda env, partner=partner: (
                    env._("Welcome the new volunteer %s", partner.name),
                    env._("Signed up on the website and confirmed their e-mail."),
                ),
            )
