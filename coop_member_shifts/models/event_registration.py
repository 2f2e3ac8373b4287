from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools.row_locks import lock_rows

ACTIVE_STATES = ("draft", "open", "done")


class EventRegistration(models.Model):
    """Registrations hold the coop's two rules, whatever the route (website, portal, backend,
    JSON-RPC): a members-only event takes members only, one seat each; and Odoo's own seat
    limit holds with registrations at the same moment, the event being locked before the
    count."""

    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        default_event = self.env.context.get("default_event_id")
        events = self.env["event.event"].browse(
            {vals.get("event_id", default_event) for vals in vals_list} - {None, False}
        )
        lock_rows(self.env, "event_event", events.ids)
        registrations = super().create(vals_list)
        registrations._coop_check_members_only()
        return registrations

    def write(self, vals):
        if {"state", "event_id", "partner_id", "active"} & vals.keys():
            events = self.event_id | self.env["event.event"].browse(vals.get("event_id") or [])
            lock_rows(self.env, "event_event", events.ids)
        result = super().write(vals)
        if {"state", "event_id", "partner_id", "active"} & vals.keys():
            self._coop_check_members_only()
        return result

    def _update_mail_schedulers(self):
        """Odoo sends the confirmation mails at once, inside ``create`` and ``write``, and
        commits between batches of mails (``event.mail``, outside tests): the coop's checks run
        before, so that a refused registration is never committed, and while the event is
        still locked."""
        self._coop_check_members_only()
        return super()._update_mail_schedulers()

    def _coop_check_members_only(self):
        """A members-only event registers members only, and each of them once."""
        for registration in self.filtered(
            lambda r: r.event_id.coop_members_only and r.state in ACTIVE_STATES and r.active
        ):
            partner = registration.partner_id
            if not partner or not partner.sudo()._coop_is_member():
                raise ValidationError(
                    self.env._(
                        "%(event)s is kept for the coop's members: log in with your member "
                        "account to register.",
                        event=registration.event_id.name,
                    )
                )
            seats = self.sudo().search_count(
                [
                    ("event_id", "=", registration.event_id.id),
                    ("partner_id", "=", partner.id),
                    ("state", "in", ACTIVE_STATES),
                ]
            )
            if seats > 1:
                raise ValidationError(
                    self.env._(
                        "%(name)s is already registered for %(event)s: one seat a member.",
                        name=partner.display_name,
                        event=registration.event_id.name,
                    )
                )
