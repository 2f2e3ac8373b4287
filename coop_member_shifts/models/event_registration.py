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
        # Odoo's create calls ``_update_mail_schedulers`` on every new registration, where the
        # coop's check runs (before Odoo's confirmation mail commits).
        return super().create(vals_list)

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

    @api.model
    def _coop_seats_of(self, event, partner):
        """The active seats ``partner`` holds at ``event``."""
        return self.sudo().search_count(self._coop_seats_domain(event.ids, partner.ids))

    @api.model
    def _coop_seats_domain(self, event_ids, partner_ids):
        return [
            ("event_id", "in", event_ids),
            ("partner_id", "in", partner_ids),
            ("state", "in", ACTIVE_STATES),
        ]

    def _coop_check_members_only(self):
        """A members-only event registers members only, and each of them once (the seats of
        all these registrations' members counted in one query)."""
        kept = self.filtered(
            lambda r: r.event_id.coop_members_only and r.state in ACTIVE_STATES and r.active
        )
        for registration in kept:
            partner = registration.partner_id
            if not partner or not partner.sudo()._coop_is_member():
                raise ValidationError(
                    self.env._(
                        "%(event)s is kept for the coop's members: log in with your member "
                        "account to register.",
                        event=registration.event_id.name,
                    )
                )
        if not kept:
            return
        seats = self.sudo()._read_group(
            self._coop_seats_domain(kept.event_id.ids, kept.partner_id.ids),
            ["event_id", "partner_id"],
            ["__count"],
        )
        for event, partner, count in seats:
            if count > 1 and event.coop_members_only:
                raise ValidationError(
                    self.env._(
                        "%(name)s is already registered for %(event)s: one seat a member.",
                        name=partner.display_name,
                        event=event.name,
                    )
                )
