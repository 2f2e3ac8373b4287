from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .base_geocoder import DEFAULT_TIMEOUT
from .coop_delivery_offer import DEFAULT_EXPIRY_HOURS, DEFAULT_PRIVACY_DAYS
from .coop_delivery_request import (
    DEFAULT_DELIVERY_HOURS,
    DEFAULT_PREPARATION_HOURS,
    DEFAULT_WAVE_DELAY_HOURS,
    DEFAULT_WAVE_SIZE,
)
from .coop_delivery_request_give_back import DEFAULT_GIVE_BACK_CUTOFF_HOURS
from .coop_slot import DEFAULT_PAYMENT_HOLD_MINUTES
from .res_partner import DEFAULT_MAX_RADIUS_KM
from .res_partner_beneficiary import DEFAULT_UNSEEN_WEEKS
from .res_partner_retention import DEFAULT_RETENTION_DAYS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_geocoder_url = fields.Char(
        string="Geocoding Server",
        config_parameter="coop_solidarity_delivery.geocoder_url",
        help="Address of a self-hosted BAN or Nominatim server. Empty: the public service.",
    )
    coop_geocoder_timeout = fields.Integer(
        string="Geocoding Timeout (s)",
        config_parameter="coop_solidarity_delivery.geocoder_timeout",
        default=DEFAULT_TIMEOUT,
    )
    coop_max_radius_km = fields.Float(
        string="Largest Volunteer Radius (km)",
        config_parameter="coop_solidarity_delivery.max_radius_km",
        default=DEFAULT_MAX_RADIUS_KM,
        help="No volunteer is asked to go further than this, whatever their own radius.",
    )
    coop_wave_size = fields.Integer(
        string="Volunteers per Wave",
        config_parameter="coop_solidarity_delivery.wave_size",
        default=DEFAULT_WAVE_SIZE,
    )
    coop_wave_delay_hours = fields.Float(
        string="Hours Before the Next Wave",
        config_parameter="coop_solidarity_delivery.wave_delay_hours",
        default=DEFAULT_WAVE_DELAY_HOURS,
    )
    coop_offer_expiry_hours = fields.Integer(
        string="Hours an Offer Stays Valid",
        config_parameter="coop_solidarity_delivery.offer_expiry_hours",
        default=DEFAULT_EXPIRY_HOURS,
        help="After this many hours, the link sent to a volunteer no longer takes the delivery.",
    )
    coop_give_back_cutoff_hours = fields.Integer(
        string="Give-back Cut-off (hours)",
        config_parameter="coop_solidarity_delivery.give_back_cutoff_hours",
        default=DEFAULT_GIVE_BACK_CUTOFF_HOURS,
        help="A delivery given back later than this before it starts goes to the coordinator "
        "(an urgent to-do) instead of to other volunteers.",
    )
    coop_address_days_after_delivery = fields.Integer(
        string="Days the Address Stays Visible",
        config_parameter="coop_solidarity_delivery.address_days_after_delivery",
        default=DEFAULT_PRIVACY_DAYS,
        help="After a delivery, or after its wished date if nobody marked it delivered, how "
        "long its volunteer still sees the member's address.",
    )
    coop_drive_reminder = fields.Boolean(
        string="Drive Reminders",
        config_parameter="coop_solidarity_delivery.drive_reminder",
        help="E-mail members the day before their pickup slot.",
    )
    coop_payment_hold_minutes = fields.Integer(
        string="Seat Held by an Unfinished Payment (minutes)",
        config_parameter="coop_solidarity_delivery.payment_hold_minutes",
        default=DEFAULT_PAYMENT_HOLD_MINUTES,
        help="A cart whose payment is still pending after this delay gives its slot's seat "
        "back; the member chooses a slot again before paying.",
    )
    coop_beneficiary_retention_days = fields.Integer(
        string="Keep Beneficiaries' Data (days)",
        config_parameter="coop_solidarity_delivery.beneficiary_retention_days",
        default=DEFAULT_RETENTION_DAYS,
        help="After this many days without a request, a beneficiary's personal data are erased.",
    )
    coop_unseen_weeks = fields.Integer(
        string="Call Members Not Seen For (weeks)",
        config_parameter="coop_solidarity_delivery.unseen_weeks",
        default=DEFAULT_UNSEEN_WEEKS,
    )
    coop_hours_mode = fields.Selection(
        [("fixed", "Fixed hours"), ("measured", "Measured time")],
        string="Volunteer Hours Counted",
        config_parameter="coop_solidarity_delivery.hours_mode",
        default="fixed",
    )
    coop_delivery_hours = fields.Float(
        string="Hours for a Delivery",
        config_parameter="coop_solidarity_delivery.delivery_hours",
        default=DEFAULT_DELIVERY_HOURS,
    )
    coop_preparation_hours = fields.Float(
        string="Hours for a Preparation",
        config_parameter="coop_solidarity_delivery.preparation_hours",
        default=DEFAULT_PREPARATION_HOURS,
    )

    @api.constrains("coop_give_back_cutoff_hours")
    def _check_coop_give_back_cutoff_hours(self):
        if any(settings.coop_give_back_cutoff_hours < 0 for settings in self):
            raise ValidationError(self.env._("The give-back cut-off cannot be negative."))

    @api.constrains("coop_offer_expiry_hours")
    def _check_coop_offer_expiry_hours(self):
        if any(settings.coop_offer_expiry_hours <= 0 for settings in self):
            raise ValidationError(self.env._("An offer must stay valid for at least one hour."))
