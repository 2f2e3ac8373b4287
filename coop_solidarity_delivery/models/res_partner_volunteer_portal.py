"""Volunteers' self-service on the portal (``/my/volunteer``): their profile, a holiday, leaving.

A portal user changes only their own volunteer profile, only the fields listed here, and only
through the ``_coop_volunteer_portal_*`` methods below: they check who calls, read the form's
raw texts, refuse nonsense with a clear message, and are the only place where ``sudo`` writes.
"""

import re
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.coop_member_shifts.tools.display_numbers import format_number
from odoo.addons.coop_member_shifts.tools.form_values import parse_id, parse_number

from .coop_delivery_request_give_back import GIVE_BACK_STATES
from .res_partner_beneficiary import COORDINATORS

ROLE_FIELDS = ("coop_can_prepare", "coop_can_deliver", "coop_can_call")
# What a ticked box sends; an unticked one sends nothing.
TICKED = ("on", "1", "true")
# A volunteer may take at most this many deliveries a week (0 means no limit).
WEEKLY_MAX_LIMIT = 21
# A holiday is declared at most this far ahead.
PAUSE_MAX_DAYS = 366
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Deliveries a volunteer still holds when they stop.
OPEN_STATES = ("assigned", "preparing", "out")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_volunteer_paused_until = fields.Date(
        string="On Holiday Until",
        copy=False,
        help="No delivery offer is sent to the volunteer until this day, included.",
    )
    coop_volunteer_paused = fields.Boolean(
        string="On Holiday",
        compute="_compute_coop_volunteer_paused",
        search="_search_coop_volunteer_paused",
    )
    coop_volunteer_withdrawn_date = fields.Date(
        string="Stopped Volunteering On",
        copy=False,
        readonly=True,
        groups=COORDINATORS,
        help="The day the volunteer withdrew their consent to be contacted (kept as the "
        "record of it); cleared when they volunteer again.",
    )

    @api.depends("coop_volunteer_paused_until")
    @api.depends_context("tz")
    def _compute_coop_volunteer_paused(self):
        today = fields.Date.context_today(self)
        for partner in self:
            until = partner.coop_volunteer_paused_until
            partner.coop_volunteer_paused = bool(until and until >= today)

    def _search_coop_volunteer_paused(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Search volunteers on holiday with 'is set' or 'is not set'."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("coop_volunteer_paused_until", ">=", today)]
        return [
            "|",
            ("coop_volunteer_paused_until", "=", False),
            ("coop_volunteer_paused_until", "<", today),
        ]

    # === BUSINESS METHODS ===#

    def _coop_volunteer_reachable(self):
        """May be sent a delivery offer now: consent given and not on holiday."""
        self.ensure_one()
        return self.coop_notify_consent and not self.coop_volunteer_paused

    def _coop_volunteer_portal_check(self, volunteer=True):
        """Refuse anybody but the contact of the current user (and, with ``volunteer``, a
        contact who is not a volunteer)."""
        self.ensure_one()
        if self.id != self.env.user.partner_id.id or self.env.user._is_public():
            raise AccessError(_("You can only change your own volunteer profile."))
        if volunteer and not self.sudo().coop_is_volunteer:
            raise AccessError(_("You are not a delivery volunteer of the coop."))
        return self.sudo()

    def _coop_volunteer_portal_save(self, form, weekday_ids):
        """Save the profile typed on the portal: ``form`` maps field names to the texts sent,
        ``weekday_ids`` is the list of the days ticked."""
        partner = self._coop_volunteer_portal_check()
        values = {field: _ticked(form.get(field)) for field in ROLE_FIELDS}
        if None in values.values():
            raise ValidationError(_("Tick or untick the boxes of the ways you help."))
        if not any(values.values()):
            raise ValidationError(
                _(
                    "Choose at least one way to help (prepare, deliver or call), or stop "
                    "volunteering at the bottom of the page."
                )
            )
        transports = dict(self._fields["coop_transport"].selection)
        if form.get("coop_transport") not in transports:
            raise ValidationError(_("Choose how you get around from the list."))
        values["coop_transport"] = form["coop_transport"]
        values["coop_weekday_ids"] = [(6, 0, self._coop_volunteer_parse_days(weekday_ids))]
        max_radius = self._coop_max_radius_km()
        radius = parse_number(form.get("coop_radius_km"), minimum=0, maximum=max_radius)
        if not radius:
            raise ValidationError(
                _(
                    "Type a distance above 0 km and at most %s km.",
                    format_number(max_radius, self.env.lang, 1),
                )
            )
        values["coop_radius_km"] = radius
        weekly_max = parse_number(form.get("coop_weekly_max"), minimum=0, maximum=WEEKLY_MAX_LIMIT)
        if weekly_max is None or not weekly_max.is_integer():
            raise ValidationError(
                _(
                    "Type a whole number of deliveries a week, from 0 (no limit) to %s.",
                    WEEKLY_MAX_LIMIT,
                )
            )
        values["coop_weekly_max"] = int(weekly_max)
        if form.get("coop_contact_channel") is not None:
            # The mobile and the way the coop reaches them; checked by the contact's rules.
            values.update(self._coop_contact_portal_values(form))
        partner.write(values)

    def _coop_volunteer_parse_days(self, weekday_ids):
        ids = [parse_id(value) for value in weekday_ids or []]
        days = self.env["coop.weekday"].sudo().search([("id", "in", [i for i in ids if i])])
        if None in ids or len(days) != len(set(ids)):
            raise ValidationError(_("Choose your days in the list."))
        if not days:
            raise ValidationError(_("Choose at least one day when you are available."))
        return days.ids

    def _coop_volunteer_portal_pause(self, until):
        """On holiday until ``until`` (the text of a date field), included: no offer meanwhile,
        and the offers waiting for an answer are withdrawn."""
        partner = self._coop_volunteer_portal_check()
        day = _parse_iso_date(until)
        today = fields.Date.context_today(self)
        if not day:
            raise ValidationError(_("Choose the last day of your holiday in the calendar."))
        if day < today:
            raise ValidationError(_("The last day of your holiday cannot be in the past."))
        if day > today + timedelta(days=PAUSE_MAX_DAYS):
            raise ValidationError(_("Choose a holiday ending within a year."))
        partner.coop_volunteer_paused_until = day
        partner._coop_volunteer_expire_offers()
        partner.message_post(
            body=_(
                "On holiday until %s: no delivery offer is sent meanwhile.", partner._coop_day(day)
            ),
            message_type="notification",
        )

    def _coop_volunteer_portal_resume(self):
        """Back from holiday early."""
        partner = self._coop_volunteer_portal_check()
        if partner.coop_volunteer_paused_until:
            partner.coop_volunteer_paused_until = False
            partner.message_post(
                body=_("Back from holiday: delivery offers are sent again."),
                message_type="notification",
            )

    def _coop_volunteer_portal_stop(self):
        """Stop volunteering: the consent to be contacted is withdrawn (its date kept), no
        offer or e-mail is sent any more, and a delivery coordinator is told."""
        partner = self._coop_volunteer_portal_check()
        today = fields.Date.context_today(self)
        partner.write(
            {
                "coop_is_volunteer": False,
                "coop_notify_consent": False,
                "coop_volunteer_paused_until": False,
                "coop_volunteer_withdrawn_date": today,
            }
        )
        partner._coop_volunteer_expire_offers()
        partner.message_post(
            body=_(
                "Stopped volunteering on the portal: consent to be contacted withdrawn on %s.",
                partner._coop_day(today),
            ),
            message_type="notification",
        )
        partner._coop_volunteer_tell_coordinator()

    def _coop_volunteer_portal_rejoin(self):
        """Volunteer again after stopping, with the profile kept."""
        partner = self._coop_volunteer_portal_check(volunteer=False)
        if partner.coop_is_volunteer or not partner.coop_volunteer_withdrawn_date:
            raise AccessError(_("You are not a delivery volunteer of the coop."))
        partner.write(
            {
                "coop_is_volunteer": True,
                "coop_notify_consent": True,
                "coop_volunteer_withdrawn_date": False,
            }
        )
        partner.message_post(
            body=_("Volunteers again: consent to be contacted given on the portal."),
            message_type="notification",
        )

    def _coop_volunteer_expire_offers(self):
        """The offers still waiting for the volunteer's answer die: their links no longer
        take a request."""
        offers = self.env["coop.delivery.offer"].sudo()
        offers.search([("volunteer_id", "in", self.ids), ("state", "=", "sent")]).state = "expired"

    def _coop_volunteer_tell_coordinator(self):
        self.ensure_one()
        held = (
            self.env["coop.delivery.request"]
            .sudo()
            .search_count(
                [
                    "|",
                    ("deliverer_id", "=", self.id),
                    ("preparer_id", "=", self.id),
                    ("state", "in", OPEN_STATES),
                ]
            )
        )
        coordinator = self._coop_delivery_coordinator_user()
        if coordinator.share:
            coordinator = self.env.ref("base.user_admin")

        def texts(env):
            note = env._(
                "They withdrew their consent to be contacted: no offer is sent to them any more."
            )
            if held:
                note += " " + env._(
                    "They still hold %s delivery request(s): find someone else.", held
                )
            return env._("%s stopped volunteering", self.name), note

        self._coop_schedule_todo(coordinator, texts)

    def _coop_volunteer_held(self):
        """The deliveries the volunteer holds now and may still give back."""
        self.ensure_one()
        return (
            self.env["coop.delivery.request"]
            .sudo()
            .search(
                [("deliverer_id", "=", self.id), ("state", "in", GIVE_BACK_STATES)],
                order="delivery_date, id",
            )
        )

    def _coop_volunteer_history(self, limit=50):
        """(delivered requests the volunteer prepared or delivered, their delivery lines of the
        work ledger), newest first."""
        self.ensure_one()
        requests = (
            self.env["coop.delivery.request"]
            .sudo()
            .search(
                [
                    "|",
                    ("deliverer_id", "=", self.id),
                    ("preparer_id", "=", self.id),
                    ("state", "=", "delivered"),
                ],
                order="delivery_date desc, id desc",
                limit=limit,
            )
        )
        entries = (
            self.env["coop.work.entry"]
            .sudo()
            .search(
                [("partner_id", "=", self.id), ("kind", "=", "delivery")],
                limit=limit,
            )
        )
        return requests, entries


def _ticked(value):
    """True for a ticked box, False for an unticked one, None for anything else."""
    if value in (None, ""):
        return False
    return True if value in TICKED else None


def _parse_iso_date(value):
    """The date of an ``<input type="date">`` ("2026-12-24"), or ``None``."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
