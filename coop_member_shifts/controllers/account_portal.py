from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner_contact_channel import CONTACT_CHANNELS

CHANNEL_FIELDS = ["mobile", "coop_contact_channel"]


class ContactChannelPortal(CustomerPortal):
    """/my/account: the member gives a mobile number and chooses how the coop reaches them."""

    def _get_optional_fields(self):
        return super()._get_optional_fields() + CHANNEL_FIELDS

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        channel = data.get("coop_contact_channel") or ""
        if channel and channel not in dict(CONTACT_CHANNELS):
            error["coop_contact_channel"] = "error"
            error_message.append(request.env._("Choose how the coop reaches you."))
            return error, error_message
        # The same rule as the contact's constraint, checked before anything is written.
        partner = request.env.user.partner_id.sudo()
        values = {
            "name": partner.name,
            "email": data.get("email", partner.email),
            "mobile": data.get("mobile", partner.mobile),
            "phone": data.get("phone", partner.phone),
            "coop_contact_channel": channel or False,
        }
        country_id = str(data.get("country_id") or "")
        if country_id.isdigit():
            values["country_id"] = int(country_id)
        try:
            partner.new(values, origin=partner)._check_coop_contact_channel()
        except ValidationError as exc:
            error["mobile" if channel == "sms" else "coop_contact_channel"] = "error"
            error_message.append(exc.args[0])
        return error, error_message

    def on_account_update(self, values, partner):
        if "coop_contact_channel" in values:
            values["coop_contact_channel"] = values["coop_contact_channel"] or False
        return super().on_account_update(values, partner)
