from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.row_locks import lock_rows

EVENT_USER_GROUP = "event.group_event_user"
# How far back the daily job looks for ended events whose hours are not all counted.
CATCH_UP_DAYS = 30


class EventEvent(models.Model):
    """A workshop or convivial moment of the coop: maybe kept for members, and run by members
    whose hours count as volunteer work once it is done."""

    _inherit = "event.event"

    # One compute each: Odoo leaves the fields of a shared compute at False when one of them
    # is given at creation (an event created with its hours counted would not be kept for
    # members, whatever its type).
    coop_members_only = fields.Boolean(
        string="Members Only",
        compute="_compute_coop_members_only",
        store=True,
        readonly=False,
        help="Only the coop's members may register, whatever the way (website, portal, backend).",
    )
    coop_counts_as_work = fields.Boolean(
        string="Organisers' Hours Count",
        compute="_compute_coop_counts_as_work",
        store=True,
        readonly=False,
    )
    coop_helper_ids = fields.One2many(
        "coop.event.helper", "event_id", string="Organisers and Hosts", copy=True
    )
    coop_work_entry_count = fields.Integer(compute="_compute_coop_work_entry_count")

    @api.depends("event_type_id")
    def _compute_coop_members_only(self):
        for event in self:
            event.coop_members_only = event.event_type_id.coop_members_only

    @api.depends("event_type_id")
    def _compute_coop_counts_as_work(self):
        for event in self:
            event_type = event.event_type_id
            event.coop_counts_as_work = event_type.coop_counts_as_work if event_type else True

    @api.constrains("coop_members_only", "event_type_id")
    def _check_coop_members_only(self):
        """An event kept for members after people registered: its seats hold the same rule
        (a non-member's seat, or a second seat of a member, is cancelled first)."""
        self.filtered("coop_members_only").registration_ids._coop_check_members_only()

    def _compute_coop_work_entry_count(self):
        counts = dict(
            self.env["coop.event.helper"]._read_group(
                [("event_id", "in", self.ids), ("work_entry_id", "!=", False)],
                ["event_id"],
                ["__count"],
            )
        )
        for event in self:
            event.coop_work_entry_count = counts.get(event, 0)

    # === CRUD ===#

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self._coop_propose_ended_events_hours()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_hours_counted(self):
        if self.coop_helper_ids.filtered("work_entry_id"):
            raise UserError(
                self.env._(
                    "The hours of this event's organisers are in the volunteer-work ledger: "
                    "archive the event instead of deleting it."
                )
            )

    # === ACTIONS ===#

    def action_coop_propose_hours(self):
        """Put the organisers' hours in the ledger, to be validated by a coordinator."""
        self._coop_check_event_user()
        if any(event.date_begin > fields.Datetime.now() for event in self):
            raise UserError(
                self.env._("The hours of an event are counted once it has taken place.")
            )
        self._coop_propose_helper_hours()
        return self.action_coop_open_work_entries()

    def action_coop_open_work_entries(self):
        """The event's lines in the ledger (the ledger's own rights apply: shop staff read)."""
        self.ensure_one()
        entries = self.coop_helper_ids.work_entry_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Organisers' hours"),
            "res_model": "coop.work.entry",
            "view_mode": "list,form",
            "domain": [("id", "in", entries.ids)],
            "context": {"create": False},
        }

    # === BUSINESS METHODS ===#

    def _coop_check_event_user(self):
        if not self.env.su and not self.env.user.has_group(EVENT_USER_GROUP):
            raise AccessError(
                self.env._("Only the coop's event team counts the hours of an event.")
            )

    def _coop_propose_ended_events_hours(self):
        """Events moved to an ended stage (by hand, or by Odoo's daily clean-up that ends past
        events) propose their organisers' hours, each event in a savepoint of its own: one
        that fails (a helper no longer a member, say) is logged and handed to a coordinator as
        an activity on the event, and the others are counted."""
        ended = self.filtered(
            lambda event: (
                event.stage_id.pipe_end
                and event.coop_counts_as_work
                and event.date_begin <= fields.Datetime.now()
                and event.coop_helper_ids.filtered(lambda helper: not helper.work_entry_id)
            )
        )
        if not ended:
            return ended
        return self.env["coop.cron.step"]._run_each(
            ended,
            lambda event: event._coop_propose_helper_hours(),
            self.env._("Organisers' hours of an ended event"),
            responsible=self.env["coop.shift"]._coordinator_user(),
        )

    @api.model
    def _cron_coop_propose_event_hours(self):
        """Daily: the events ended lately whose organisers' hours are not all in the ledger
        (one left for later by a concurrent change, a helper added after the end) are counted,
        each on its own. An event with an open activity is in a coordinator's hands: skipped
        until it is done, so that a failing event is reported once."""
        now = fields.Datetime.now()
        events = self.search(
            [
                ("stage_id.pipe_end", "=", True),
                ("coop_counts_as_work", "=", True),
                ("date_end", ">=", now - timedelta(days=CATCH_UP_DAYS)),
                ("coop_helper_ids", "any", [("work_entry_id", "=", False)]),
                ("activity_ids", "=", False),
            ]
        )
        return events._coop_propose_ended_events_hours()

    def _coop_propose_helper_hours(self):
        """Each organiser or host of a done event gets one line to validate in the ledger;
        running it again adds nothing. A coordinator validates it, never the member. The
        helpers are locked and touched before their link is read: of two counts at the same
        moment, the later one fails to serialize, is run again, and finds the lines made."""
        helpers = self.coop_helper_ids
        lock_rows(self.env, helpers._table, helpers.ids)
        helpers.invalidate_recordset(["work_entry_id"])
        helpers.filtered(
            lambda helper: helper.event_id.coop_counts_as_work and not helper.work_entry_id
        )._propose_work_entry()
