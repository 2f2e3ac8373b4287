import secrets
from datetime import timedelta

from odoo import _, api, fields, models

from ..tools.volunteer_ranking import approximate_distance_label

PRIVACY_DAYS_PARAM = "coop_solidarity_delivery.address_days_after_delivery"
DEFAULT_PRIVACY_DAYS = 2


class CoopDeliveryOffer(models.Model):
    _name = "coop.delivery.offer"
    _description = "Delivery Offer to a Volunteer"
    _order = "request_id, wave, distance_km"

    request_id = fields.Many2one(
        "coop.delivery.request", required=True, ondelete="cascade", index=True
    )
    volunteer_id = fields.Many2one("res.partner", required=True, index=True)
    wave = fields.Integer(required=True, default=1)
    distance_km = fields.Float(string="Distance (km)", digits=(6, 2))
    distance_label = fields.Char(string="Approximate Distance", compute="_compute_distance_label")
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("lost", "Taken by another volunteer"),
            ("expired", "Expired"),
        ],
        default="sent",
        required=True,
    )
    date_sent = fields.Datetime(readonly=True)
    token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: secrets.token_urlsafe(24),
        groups="base.group_system",
    )

    _sql_constraints = [
        (
            "volunteer_once_per_request",
            "UNIQUE(request_id, volunteer_id)",
            "A volunteer is asked once per request.",
        ),
        ("token_unique", "UNIQUE(token)", "Each offer has its own link."),
    ]

    @api.depends("distance_km")
    def _compute_distance_label(self):
        for offer in self:
            offer.distance_label = _("about %s km", approximate_distance_label(offer.distance_km))

    # === BUSINESS METHODS ===#

    def _send(self):
        """E-mail each volunteer the offer (queued: a mail server down loses nothing)."""
        template = self.env.ref("coop_solidarity_delivery.mail_template_delivery_offer")
        for offer in self:
            template.send_mail(offer.id, email_layout_xmlid="mail.mail_notification_light")
        self.date_sent = fields.Datetime.now()

    def _accept(self):
        """The volunteer accepts: returns 'accepted', 'lost' or 'expired'."""
        self.ensure_one()
        if self.state == "accepted":
            return "accepted"
        if self.state == "expired" or self.request_id.state in ("cancelled", "failed"):
            return "expired"
        if self.request_id._assign_deliverer(self.volunteer_id):
            self.state = "accepted"
            self.request_id.offer_ids.filtered(lambda o: o.state == "sent").state = "lost"
            return "accepted"
        self.state = "lost"
        return "lost"

    def _may_see_address(self):
        """Only the volunteer who got the request sees the address, and only until a few days
        after the delivery."""
        self.ensure_one()
        request = self.request_id
        if self.state != "accepted" or request.deliverer_id != self.volunteer_id:
            return False
        if request.state in ("cancelled", "failed"):
            return False
        if request.state == "delivered":
            days = int(
                self.env["ir.config_parameter"].sudo().get_param(PRIVACY_DAYS_PARAM)
                or DEFAULT_PRIVACY_DAYS
            )
            return fields.Datetime.now() - request.date_delivered <= timedelta(days=days)
        return True

    def _get_accept_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/coop/delivery/offer/{self.sudo().token}"
