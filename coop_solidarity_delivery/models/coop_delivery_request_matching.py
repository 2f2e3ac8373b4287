"""Finding a volunteer for a delivery request: waves of offers, rounds, the first to accept."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .coop_delivery_request import (
    DEFAULT_WAVE_DELAY_HOURS,
    DEFAULT_WAVE_SIZE,
    WAVE_DELAY_PARAM,
    WAVE_SIZE_PARAM,
)


class CoopDeliveryRequest(models.Model):
    _inherit = "coop.delivery.request"

    required_skill_id = fields.Many2one(
        "coop.skill",
        ondelete="restrict",
        tracking=True,
        help="Only volunteers holding this skill (confirmed, when it needs confirmation) are "
        "asked: a language the beneficiary speaks, say.",
    )
    required_transport = fields.Selection(
        [("bike", "Bike or car"), ("car", "Car")],
        string="Transport Needed",
        tracking=True,
        help="A heavy delivery needs a car: volunteers on foot (or by bike) are not asked.",
    )

    # === ACTIONS ===#

    def action_search_volunteers(self):
        """Notify the nearest volunteers (next wave).

        A beneficiary whose address cannot be located is flagged and the coordinator gets an
        activity; the button then returns a warning instead of raising, so that neither the
        flag nor the activity is rolled back, nor the offers sent for the other requests.
        """
        self._check_can_search()
        self.beneficiary_id._coop_ensure_located()
        problems = []
        for request in self:
            if request.beneficiary_id.coop_geo_state != "done":
                problems.append(
                    _(
                        "The address of %s could not be located: correct it, or assign a "
                        "volunteer by hand.",
                        request.beneficiary_id.display_name,
                    )
                )
                continue
            try:
                with self.env.cr.savepoint():
                    if request.state == "new":
                        request.sudo().state = "searching"
                    request._notify_next_wave()
            except UserError as error:
                problems.append(f"{request.name}: {error.args[0]}")
        if problems:
            return self._warning_notification("\n".join(problems))
        return True

    def _check_can_search(self):
        """Refuse before anything is written: eligibility and state."""
        for request in self:
            if not request.beneficiary_id.coop_is_beneficiary:
                raise UserError(
                    _(
                        "Approve the eligibility of %s before looking for a volunteer.",
                        request.beneficiary_id.display_name,
                    )
                )
            if request.state not in ("new", "searching"):
                raise UserError(_("%s already has a volunteer.", request.name))

    @api.model
    def _warning_notification(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Some volunteers could not be notified"),
                "message": message,
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === BUSINESS METHODS ===#

    def _end_search_round(self):
        """A reset or a cancellation ends the search: the offers still waiting expire, and the
        links of this round never take the request again."""
        self.offer_ids.filtered(lambda o: o.state == "sent").state = "expired"
        for request in self:
            request.search_round += 1

    def _coop_erasure_release_volunteer(self, volunteer):
        """``volunteer``'s data is erased: the requests they held are no longer theirs; those
        they were to deliver start again from "new". The coordinator has a to-do on each."""
        coordinator = self.env["res.partner"]._coop_delivery_coordinator_user()
        for request in self:
            vals = {}
            if request.preparer_id == volunteer:
                vals["preparer_id"] = False
            if request.deliverer_id == volunteer:
                vals.update(deliverer_id=False, state="new", wave=0)
            request.sudo().write(vals)
            if request.state == "new":
                request._end_search_round()
            request._coop_schedule_todo(
                coordinator,
                lambda env: (
                    env._("Find another volunteer"),
                    env._("The volunteer who held this delivery left: their data was erased."),
                ),
            )

    def _current_offers(self):
        self.ensure_one()
        return self.offer_ids.filtered(lambda o: o.search_round == self.search_round)

    def _notify_next_wave(self):
        """Offer the request to the nearest volunteers not asked yet in this round; tell the
        coordinator when nobody is left."""
        self.ensure_one()
        beneficiary = self.beneficiary_id
        wave = self.env["res.partner"]._coop_rank_volunteers(
            beneficiary.partner_latitude,
            beneficiary.partner_longitude,
            self.delivery_date.weekday(),
            weekly_counts=self._weekly_delivery_counts(),
            limit=self._wave_size(),
            exclude_ids=self._asked_volunteers(),
            required_skill=self.required_skill_id,
            required_transport=self.required_transport,
        )
        if not wave:
            self._tell_coordinator_no_volunteer()
            return self.env["coop.delivery.offer"]
        self.wave += 1
        now = fields.Datetime.now()
        offers = self.env["coop.delivery.offer"].create(
            [
                {
                    "request_id": self.id,
                    "volunteer_id": volunteer.id,
                    "distance_km": distance,
                    "wave": self.wave,
                    "search_round": self.search_round,
                    "date_sent": now,
                }
                for volunteer, distance in wave
            ]
        )
        offers._send()
        return offers

    def _asked_volunteers(self):
        """The volunteers not to ask again, as a sub-query for the ranking: nobody is asked
        twice in a round, nor again after giving the request back. Both columns are required:
        a NULL in the sub-query would make the ranking's NOT IN keep nobody."""
        offers = (
            self.env["coop.delivery.offer"]
            .sudo()
            ._search([("request_id", "=", self.id), ("search_round", "=", self.search_round)])
        )
        give_backs = self.env["coop.delivery.give.back"].sudo()
        give_backs = give_backs._search([("request_id", "=", self.id)])
        return SQL(
            "(%s UNION ALL %s)",
            offers.select(SQL.identifier(offers.table, "volunteer_id")),
            give_backs.select(SQL.identifier(give_backs.table, "volunteer_id")),
        )

    def _weekly_delivery_counts(self, exclude=None):
        """Deliveries each volunteer has taken in the week of this request (but ``exclude``)."""
        monday = self.delivery_date - timedelta(days=self.delivery_date.weekday())
        groups = (
            self.env["coop.delivery.request"]
            .sudo()
            ._read_group(
                [
                    ("id", "not in", (exclude or self.browse()).ids),
                    ("deliverer_id", "!=", False),
                    ("delivery_date", ">=", monday),
                    ("delivery_date", "<", monday + timedelta(days=7)),
                    ("state", "not in", ("cancelled", "failed")),
                ],
                ["deliverer_id"],
                ["__count"],
            )
        )
        return {deliverer.id: count for deliverer, count in groups}

    def _tell_coordinator_no_volunteer(self):
        self._coop_schedule_todo(
            self.env["res.partner"]._coop_delivery_coordinator_user(),
            lambda env: (
                env._("No volunteer left to ask"),
                env._("Every volunteer near the beneficiary was asked: assign one by hand."),
            ),
            once=True,
        )

    @api.model
    def _wave_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WAVE_SIZE_PARAM)
        return int(value or DEFAULT_WAVE_SIZE)

    @api.model
    def _wave_delay(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WAVE_DELAY_PARAM)
        return timedelta(hours=float(value or DEFAULT_WAVE_DELAY_HOURS))

    @api.model
    def _cron_notify_next_waves(self):
        """Requests whose last wave got no answer within the delay go to the next wave, each
        on its own: a request that fails is handed to the coordinator, the others go on.
        Offers past their expiry delay are marked expired first."""
        self.env["coop.delivery.offer"]._expire_overdue()
        deadline = fields.Datetime.now() - self._wave_delay()
        due = self.search([("state", "=", "searching")]).filtered(
            lambda request: (
                max(request._current_offers().mapped("date_sent") or [deadline]) <= deadline
            )
        )
        self.env["coop.cron.step"]._run_each(
            due,
            lambda request: request._notify_following_wave(),
            _("Notify the next volunteers"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )

    def _notify_following_wave(self):
        """The waiting offers of the last wave expire, the next volunteers are asked."""
        self.ensure_one()
        self._current_offers().filtered(lambda o: o.state == "sent").state = "expired"
        self._notify_next_wave()

    def _assign_deliverer(self, volunteer):
        """Give the request to ``volunteer`` if it is still searching and the volunteer's
        weekly maximum is not reached; atomic. Returns True when ``volunteer`` got the request;
        raises a UserError when their week is full.

        The volunteer's row is locked and touched first, then their week counted: of several
        acceptances by one volunteer at once, one counts, the others wait, fail to serialize
        and are retried by Odoo with a fresh snapshot that sees it. The conditional UPDATE of
        the request is its lock: of several volunteers accepting at once, only one row update
        succeeds (the others wait, then fail to serialize and are retried, and see the new
        state). Volunteer first, request second, always: no deadlock. The expected failures
        are not logged as errors.
        """
        self.ensure_one()
        self._check_weekly_max(volunteer)
        self.env.cr.execute(
            SQL(
                """UPDATE coop_delivery_request
                      SET state = 'assigned', deliverer_id = %s,
                          date_assigned = NOW() AT TIME ZONE 'UTC'
                    WHERE id = %s AND state = 'searching'
                RETURNING id""",
                volunteer.id,
                self.id,
            ),
            log_exceptions=False,
        )
        won = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["state", "deliverer_id", "date_assigned", "hours_to_match"])
        if won:
            self.modified(["date_assigned"])
            # The coop's note: the visitor's session that followed the link is not its author.
            self._coop_post_as_coop(
                company=self.company_id,
                body=_("%s accepted the delivery.", volunteer.display_name),
                message_type="notification",
            )
        return won

    def _check_weekly_max(self, volunteer):
        """Refuse a delivery beyond the weekly maximum ``volunteer`` chose, counted under the
        lock of the volunteer's row (see ``_assign_deliverer``)."""
        self.ensure_one()
        volunteer.flush_recordset(["coop_weekly_max"])
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner SET write_date = NOW() AT TIME ZONE 'UTC'
                    WHERE id = %s RETURNING COALESCE(coop_weekly_max, 0)""",
                volunteer.id,
            ),
            log_exceptions=False,
        )
        weekly_max = self.env.cr.fetchone()[0]
        if not weekly_max:
            return
        self.flush_model(["deliverer_id", "delivery_date", "state"])
        taken = self._weekly_delivery_counts(exclude=self).get(volunteer.id, 0)
        if taken >= weekly_max:
            raise UserError(
                _(
                    "You already deliver %(count)s time(s) in the week of %(day)s, the most you "
                    "chose: raise your weekly maximum on your volunteer page to take this one.",
                    count=taken,
                    day=volunteer._coop_day(self.delivery_date),
                )
            )
