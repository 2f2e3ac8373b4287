"""A volunteer gives a delivery back (ill, no car, something else): the request goes back to
the search in a new round (the links of the old one die), the volunteer loses the address at
once and gets no hours for it. Past the cut-off of Settings, the request goes to the
coordinator first, with an urgent to-do, instead of to the volunteers."""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coop_member_shifts.tools.form_values import clean_text

from .coop_delivery_give_back import GIVE_BACK_REASONS

GIVE_BACK_CUTOFF_PARAM = "coop_solidarity_delivery.give_back_cutoff_hours"
DEFAULT_GIVE_BACK_CUTOFF_HOURS = 24
# A volunteer gives back what they hold until they leave with it.
GIVE_BACK_STATES = ("assigned", "preparing")
# A wished date this close (in days) gives the coordinator a to-do even before the cut-off.
CLOSE_DAYS = 2
NOTE_MAX_LENGTH = 1000


class CoopDeliveryRequest(models.Model):
    _inherit = "coop.delivery.request"  # pylint: disable=consider-merging-classes-inherited

    give_back_ids = fields.One2many(
        "coop.delivery.give.back",
        "request_id",
        string="Given Back",
        readonly=True,
        groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
    )

    # === BUSINESS METHODS ===#

    def _coop_give_back(self, volunteer, reason, note=""):
        """``volunteer`` gives this request back; refused (UserError) unless they hold it.
        Under the request's row lock, taken before the checks: of two give-backs at once, or
        a give-back and a cancellation, the second sees what the first did."""
        self.ensure_one()
        note = self._coop_check_give_back_reason(reason, note)
        self._coop_lock()
        request = self.sudo()
        if request.state not in GIVE_BACK_STATES or request.deliverer_id != volunteer:
            raise UserError(self.env._("This delivery is no longer yours: nothing to give back."))
        late = request._coop_give_back_is_late()
        self.env["coop.delivery.give.back"].sudo().create(
            {
                "request_id": request.id,
                "volunteer_id": volunteer.id,
                "reason": reason,
                "note": note,
                "late": late,
            }
        )
        request.offer_ids.filtered(
            lambda o: o.volunteer_id == volunteer and o.state == "accepted"
        ).state = "returned"
        vals = {
            "deliverer_id": False,
            "state": "new" if late else "searching",
            "wave": 0,
            "date_assigned": False,
        }
        if request.preparer_id == volunteer:
            vals["preparer_id"] = False
        request.write(vals)
        request._end_search_round()
        # The reason stays in the coordinators' history: the chatter is the call centre's too.
        request._coop_post_as_coop(
            company=request.company_id,
            body=self.env._("%s gave the delivery back.", volunteer.display_name),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if late:
            request._coop_todo_given_back_late(volunteer)
        else:
            request._coop_search_again(volunteer)

    def _coop_check_give_back_reason(self, reason, note):
        """The note, cleaned; a UserError for a reason not in the list, a missing or too long
        note."""
        if not isinstance(reason, str) or reason not in dict(GIVE_BACK_REASONS):
            raise UserError(self.env._("Choose why you give the delivery back."))
        note = clean_text(note, NOTE_MAX_LENGTH)
        if note is None:
            raise UserError(
                self.env._("Keep your note under %s characters, please.", NOTE_MAX_LENGTH)
            )
        if reason == "other" and not note:
            raise UserError(self.env._("Say in a few words why you give the delivery back."))
        return note

    def _coop_give_back_is_late(self):
        """Whether the delivery starts within the cut-off of Settings."""
        self.ensure_one()
        hours = self._coop_give_back_cutoff_hours()
        return fields.Datetime.now() >= self._coop_delivery_start() - timedelta(hours=hours)

    def _coop_delivery_start(self):
        """The slot's start, or the first hour of the wished day where the member lives
        (naive UTC)."""
        self.ensure_one()
        if self.slot_id:
            return self.slot_id.sudo().start
        tz = pytz.timezone(self.beneficiary_id._coop_tz())
        local = tz.localize(datetime.combine(self.delivery_date, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _coop_give_back_cutoff_hours(self):
        value = self.env["ir.config_parameter"].sudo().get_param(GIVE_BACK_CUTOFF_PARAM)
        try:
            return max(float(value or DEFAULT_GIVE_BACK_CUTOFF_HOURS), 0.0)
        except ValueError:
            return DEFAULT_GIVE_BACK_CUTOFF_HOURS

    def _coop_search_again(self, volunteer):
        """The next volunteers are asked in the new round (never the one who gave it back);
        the coordinator gets a to-do when the wished date is close."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._notify_next_wave()
        except UserError:
            self._tell_coordinator_no_volunteer()
        if self.delivery_date <= fields.Date.context_today(self) + timedelta(days=CLOSE_DAYS):
            name = volunteer.display_name
            day = self.delivery_date
            self._coop_schedule_todo(
                self.env["res.partner"]._coop_delivery_coordinator_user(),
                lambda env: (
                    env._("Delivery given back: soon"),
                    env._(
                        "%(volunteer)s gave back the delivery of %(day)s: other volunteers are "
                        "asked; make sure somebody takes it.",
                        volunteer=name,
                        day=env.user.partner_id._coop_day(day),
                    ),
                ),
            )

    def _coop_todo_given_back_late(self, volunteer):
        """Past the cut-off: the coordinator decides (a volunteer by phone, another day with
        the member), nobody is e-mailed meanwhile."""
        self.ensure_one()
        name = volunteer.display_name
        day = self.delivery_date
        self._coop_schedule_todo(
            self.env["res.partner"]._coop_delivery_coordinator_user(),
            lambda env: (
                env._("Urgent: delivery given back at the last minute"),
                env._(
                    "%(volunteer)s gave back the delivery of %(day)s, past the cut-off: find "
                    "a volunteer (Notify volunteers, or by phone) or agree another day with "
                    "the member.",
                    volunteer=name,
                    day=env.user.partner_id._coop_day(day),
                ),
            ),
        )
