from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# A mobile number typed on a portal form is at most this long.
MOBILE_MAX = 32
CONTACT_CHANNELS = [("email", "E-mail"), ("sms", "SMS"), ("call", "Phone call")]


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_contact_channel = fields.Selection(
        CONTACT_CHANNELS,
        string="Reach By",
        help="How the coop tells this contact about offers, reminders and confirmations. "
        "Empty: by e-mail when they have one, else by SMS on a valid mobile number, else "
        "by a phone call of the call centre.",
    )
    coop_reach_channel = fields.Selection(
        CONTACT_CHANNELS,
        string="Reached By",
        compute="_compute_coop_reach_channel",
        help="The way the coop reaches this contact now (their choice, else the default).",
    )

    @api.depends("coop_contact_channel", "email", "mobile", "country_id")
    def _compute_coop_reach_channel(self):
        for partner in self:
            partner.coop_reach_channel = partner._coop_reach_channel()

    @api.constrains("coop_contact_channel", "email", "mobile", "country_id")
    def _check_coop_contact_channel(self):
        for partner in self:
            if partner.coop_contact_channel == "email" and not partner.email_normalized:
                raise ValidationError(
                    self.env._(
                        "%s cannot be reached by e-mail: give a valid e-mail address or "
                        "choose another way.",
                        partner.display_name,
                    )
                )
            if partner.coop_contact_channel == "sms":
                partner._coop_sms_number(raise_exception=True)

    @api.model
    def _coop_contact_portal_values(self, form):
        """The mobile and the channel typed on a portal form (``form`` maps names to the
        texts sent), as values to write; the constraint checks them together on write."""
        channel = form.get("coop_contact_channel") or ""
        if not isinstance(channel, str) or (channel and channel not in dict(CONTACT_CHANNELS)):
            raise ValidationError(self.env._("Choose how the coop reaches you from the list."))
        mobile = form.get("mobile")
        if mobile is not None and (not isinstance(mobile, str) or len(mobile) > MOBILE_MAX):
            raise ValidationError(self.env._("Type a mobile number of at most 32 characters."))
        values = {"coop_contact_channel": channel or False}
        if mobile is not None:
            values["mobile"] = mobile.strip() or False
        return values

    def _coop_reach_channel(self):
        """The contact's choice, else e-mail when they have an address, else SMS when they
        have a valid mobile number, else a phone call."""
        self.ensure_one()
        if self.coop_contact_channel == "sms" and not self._coop_sms_number():
            return "call"
        if self.coop_contact_channel == "email" and not self.email_normalized:
            return "call"
        if self.coop_contact_channel:
            return self.coop_contact_channel
        if self.email_normalized:
            return "email"
        if self._coop_sms_number():
            return "sms"
        return "call"

    def _coop_sms_number(self, raise_exception=False):
        """The number an SMS goes to: the mobile (never the phone, often a landline) in
        E.164, checked by ``phone_validation`` with the contact's country (else the coop's);
        False when it is missing or invalid, or a ValidationError with ``raise_exception``."""
        self.ensure_one()
        number = self.mobile
        if not number:
            if raise_exception:
                raise ValidationError(
                    self.env._(
                        "%s cannot be reached by SMS: give a mobile number or choose another way.",
                        self.display_name,
                    )
                )
            return False
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        try:
            return self._phone_format(
                number=number, country=country, force_format="E164", raise_exception=True
            )
        except UserError as error:
            if raise_exception:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be reached by SMS: %(number)s is not a valid mobile "
                        "number (write it with the country code, e.g. +32 470 12 34 56).",
                        name=self.display_name,
                        number=number,
                    )
                ) from error
            return False
