from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html

from ..tools.bulk_insert import insert_records
from ..tools.display_dates import format_weekday, to_local
from ..tools.public_holidays import holidays_between
from ..tools.row_locks import lock_rows
from ..tools.shift_dates import occurrences

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class CoopShiftTemplate(models.Model):
    _name = "coop.shift.template"
    _description = "Shift Template"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "weekday, start_hour"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    task_type_id = fields.Many2one("coop.task.type", string="Task", required=True)
    weekday = fields.Selection(WEEKDAYS, required=True, default="0", tracking=True)
    start_hour = fields.Float(string="Starts At", required=True, default=9.0, tracking=True)
    end_hour = fields.Float(string="Ends At", required=True, default=12.0, tracking=True)
    seats = fields.Integer(required=True, default=4, tracking=True)
    recurrence = fields.Selection(
        [("weekly", "Every week"), ("every_n", "Every N weeks"), ("cycle", "One week of A-B-C-D")],
        required=True,
        default="weekly",
    )
    every_weeks = fields.Integer(string="Every (weeks)", default=2)
    cycle_week = fields.Selection(
        [("0", "Week A"), ("1", "Week B"), ("2", "Week C"), ("3", "Week D")], default="0"
    )
    cycle_reference = fields.Date(
        string="First Week A",
        required=True,
        default=fields.Date.context_today,
        help="A day of the first week of the cycle (week A, or the first week of every N).",
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until")
    partner_ids = fields.Many2many(
        "res.partner", string="Fixed Team", help="Members registered to every shift."
    )
    shift_ids = fields.One2many("coop.shift", "template_id", string="Shifts")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.depends("task_type_id", "weekday", "start_hour", "end_hour", "company_id")
    def _compute_name(self):
        """ "Caisse Mardi 18:00-21:00": the weekday in the coop's language (its company's),
        as the name is stored once for everyone."""
        for template in self:
            lang = template.company_id.partner_id.lang or self.env.lang
            template.name = "%s %s %02d:%02d-%02d:%02d" % (
                template.task_type_id.with_context(lang=lang).name or "",
                format_weekday(template.weekday or "0", lang),
                *divmod(round(template.start_hour * 60), 60),
                *divmod(round(template.end_hour * 60), 60),
            )

    @api.constrains("start_hour", "end_hour")
    def _check_hours(self):
        for template in self:
            if not (0 <= template.start_hour < template.end_hour <= 24):
                raise ValidationError(
                    _("A shift starts and ends between 0:00 and 24:00, and ends after it starts.")
                )

    @api.constrains("seats")
    def _check_seats(self):
        if any(template.seats <= 0 for template in self):
            raise ValidationError(_("A shift needs at least one seat."))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for template in self:
            if template.date_end and template.date_end < template.date_start:
                raise ValidationError(_("A shift template cannot end before it starts."))

    @api.constrains("recurrence", "every_weeks")
    def _check_every_weeks(self):
        for template in self:
            if template.recurrence == "every_n" and template.every_weeks < 1:
                raise ValidationError(_("A template repeats every one week or more."))

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Shift template created")

    # === ACTIONS ===#

    def action_generate_shifts(self):
        shifts = self._generate_shifts()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("%s shifts created.", len(shifts)),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_generate_shifts(self):
        """Create the coming shifts template by template: a template that fails is left to a
        shift coordinator (an activity on it) and the others are done."""
        return self.env["coop.cron.step"]._run_each(
            self.search([]),
            lambda template: template._generate_shifts(),
            _("Shift generation"),
            responsible=self.env["coop.shift"]._coordinator_user(),
        )

    def _generate_shifts(self, date_to=None):
        """Create the missing shifts up to the horizon and register the fixed teams:
        idempotent, in one batch, with a fixed number of queries whatever the number of shifts
        (one INSERT of the shifts, see ``tools.bulk_insert``). Members of the fixed team who
        cannot be registered are skipped (see ``coop.shift._register_fixed_team``). A
        generated shift logs no creation message and gets no follower (its template says
        where it comes from, and the cron's user has nothing to follow): a year of messages
        and followers would cost more than the shifts themselves.

        The templates are locked and touched first: the job and a coordinator's button (or
        two cron workers) generating the same template at once do not both insert its shifts;
        the later one fails to serialize and runs again (see ``tools.row_locks``)."""
        lock_rows(self.env, "coop_shift_template", self.ids)
        shifts = insert_records(self.env["coop.shift"], self._missing_shift_values(date_to))
        shifts._register_fixed_team()
        return shifts

    def _missing_shift_values(self, date_to=None):
        """Values of the shifts of these templates from now to ``date_to`` (default: the
        company's horizon) that do not exist yet."""
        today = fields.Date.context_today(self)
        horizon = date_to or today + timedelta(days=self.env.company.coop_shift_horizon_days)
        now = fields.Datetime.now()
        existing = {
            (shift.template_id.id, shift.start)
            for shift in self.env["coop.shift"].search_fetch(
                [("template_id", "in", self.ids), ("start", ">=", now)], ["template_id", "start"]
            )
        }
        tz = self.env.company.partner_id.tz or "Europe/Paris"
        closed = self._coop_closed_dates(today, horizon)
        return [
            template._prepare_shift_values(start, end)
            for template in self
            for start, end in occurrences(template._rule(), today, horizon, tz)
            if start > now
            and (template.id, start) not in existing
            and to_local(start, tz).date() not in closed
        ]

    @api.model
    def _coop_closed_dates(self, date_from, date_to):
        """Days on which the coop opens no shift: the public holidays of its country
        (France, Belgium). Extended by the drive's closing days."""
        country = self.env.company.country_id.code
        return holidays_between(country, date_from, date_to)

    def _rule(self):
        every, offset = 1, 0
        if self.recurrence == "every_n":
            every = self.every_weeks
        elif self.recurrence == "cycle":
            every, offset = 4, int(self.cycle_week)
        return {
            "weekday": int(self.weekday),
            "start_hour": self.start_hour,
            "end_hour": self.end_hour,
            "every_weeks": every,
            "week_offset": offset,
            "reference": self.cycle_reference,
            "date_start": self.date_start,
            "date_end": self.date_end,
        }

    def _prepare_shift_values(self, start, end):
        """Every stored value of a generated shift (inserted without ``create``'s defaults)."""
        return {
            "template_id": self.id,
            "task_type_id": self.task_type_id.id,
            "start": start,
            "end": end,
            "seats": self.seats,
            "state": "open",
            "company_id": self.env.company.id,
        }

    def _report_fixed_team_failures(self, failures):
        """Tell a shift coordinator which fixed-team members were not registered, and why.

        ``failures``: (shift, partner, reason) of this template."""
        self.ensure_one()

        def texts(env):
            lines = [
                env._(
                    "%(member)s, %(shift)s: %(reason)s",
                    member=partner.display_name,
                    shift=shift.display_name,
                    reason=reason,
                )
                for shift, partner, reason in failures
            ]
            return env._("Fixed team members not registered"), plaintext2html("\n".join(lines))

        self.sudo()._coop_schedule_todo(self.env["coop.shift"]._coordinator_user(), texts)
