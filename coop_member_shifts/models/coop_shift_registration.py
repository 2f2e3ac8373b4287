from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.row_locks import lock_rows

TAKING_SEAT = ("registered", "attended")


class CoopShiftRegistration(models.Model):
    _name = "coop.shift.registration"
    _description = "Shift Registration"
    _order = "shift_start desc, id"

    shift_id = fields.Many2one("coop.shift", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True)
    # Precomputed: inserted with the registration, not written again by a second query.
    shift_start = fields.Datetime(related="shift_id.start", store=True, precompute=True)
    shift_end = fields.Datetime(related="shift_id.end", store=True, precompute=True)
    state = fields.Selection(
        [
            ("registered", "Registered"),
            ("attended", "Attended"),
            ("absent", "Absent"),
            ("excused", "Excused"),
            ("cancelled", "Cancelled"),
        ],
        default="registered",
        required=True,
    )
    work_entry_id = fields.Many2one("coop.work.entry", readonly=True, copy=False)
    reminder_sent = fields.Boolean(copy=False)

    _sql_constraints = [
        ("member_once_per_shift", "UNIQUE(shift_id, partner_id)", "A member registers once."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """The shifts, then the members, are locked before the registrations are inserted
        (see ``coop.shift._lock_seats``), then the seats and the members' other shifts are
        counted."""
        default_shift = self.env.context.get("default_shift_id")
        default_partner = self.env.context.get("default_partner_id")
        shift_ids = [vals.get("shift_id") or default_shift for vals in vals_list]
        partner_ids = [vals.get("partner_id") or default_partner for vals in vals_list]
        self.env["coop.shift"].browse([i for i in shift_ids if isinstance(i, int)])._lock_seats()
        self._lock_members(partner_ids)
        registrations = super().create(vals_list)
        registrations._check_can_register()
        registrations.shift_id._check_seats()
        return registrations

    def write(self, vals):
        """Putting a registration back on a seat (from cancelled, absent or excused to
        registered or attended), or on another shift or member, checks again what the first
        registration checked: the seats under the shift's lock, the member's other shifts
        under the member's lock, the required skill and the member's status."""
        moves = "shift_id" in vals or "partner_id" in vals
        back = vals.get("state") in TAKING_SEAT and any(
            registration.state not in TAKING_SEAT for registration in self
        )
        if not (moves or back):
            return super().write(vals)
        shifts = self.shift_id | self.env["coop.shift"].browse(vals.get("shift_id") or [])
        shifts._lock_seats()
        self._lock_members([*self.partner_id.ids, vals.get("partner_id")])
        to_check = self if moves else self.filtered(lambda r: r.state not in TAKING_SEAT)
        result = super().write(vals)
        to_check.filtered(lambda r: r.state in TAKING_SEAT)._check_can_register()
        self.shift_id._check_seats()
        return result

    @api.model
    def _lock_members(self, partner_ids):
        """Lock the members (after their shifts, always in this order) so that one member
        signing up for two overlapping shifts at once gets one of them."""
        lock_rows(self.env, "res_partner", partner_ids)

    @api.depends("shift_id", "partner_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """The shift as the member reads it (the heading of their reminder e-mail)."""
        for registration in self:
            shift = registration.shift_id
            when = registration.partner_id._coop_when(shift.start, shift.end)
            registration.display_name = ", ".join(filter(None, (shift.task_type_id.name, when)))

    def _check_can_register(self):
        """Refuse cancelled shifts, suspended members, members without the skill the task
        requires and members already busy at that time, in a fixed number of queries for any
        number of registrations."""
        self._check_required_skills()
        closed = self.shift_id.filtered(lambda shift: shift.state != "open")
        if closed:
            raise ValidationError(_("The shift %s is cancelled.", closed[0].display_name))
        for registration in self:
            partner = registration.partner_id
            if partner.coop_work_status == "suspended" and not partner._coop_may_shop():
                raise ValidationError(
                    _(
                        "%s is suspended and cannot register: see their volunteer work.",
                        partner.name,
                    )
                )
        self.flush_model(["partner_id", "state", "shift_start", "shift_end"])
        busy = self._overlapping(
            [(r.partner_id.id, r.shift_start, r.shift_end, r.id) for r in self]
        )
        if busy:
            partner = self[min(busy)].partner_id
            raise ValidationError(
                _("%s is already registered to a shift at that time.", partner.name)
            )

    def _check_required_skills(self):
        """A task requiring a skill takes only members holding it (confirmed, when it needs
        confirmation): on the portal, in the back office and at import alike."""
        missing = self.env["coop.shift"]._members_missing_skill(
            [(r.shift_id, r.partner_id) for r in self]
        )
        if missing:
            shift, partner = missing[0]
            raise ValidationError(shift._missing_skill_message(partner))

    @api.model
    def _overlapping(self, candidates):
        """Indexes of the ``candidates`` ``(partner_id, start, end, own_id)`` whose member
        has another registration taking a seat at that time (``own_id``, the candidate's own
        registration or None, is left out), in one query."""
        if not candidates:
            return set()
        partner_ids, starts, ends, own_ids = zip(*candidates, strict=True)
        self.env.cr.execute(
            SQL(
                """
                SELECT c.idx - 1
                  FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[], %s::int[])
                       WITH ORDINALITY AS c(partner_id, start, stop, own_id, idx)
                 WHERE EXISTS (
                       SELECT 1 FROM coop_shift_registration r
                        WHERE r.partner_id = c.partner_id
                          AND r.id IS DISTINCT FROM c.own_id
                          AND r.state IN %s
                          AND r.shift_start < c.stop
                          AND r.shift_end > c.start)
                """,
                list(partner_ids),
                list(starts),
                list(ends),
                list(own_ids),
                TAKING_SEAT,
            )
        )
        return {index for (index,) in self.env.cr.fetchall()}

    # === ACTIONS ===#

    def action_attended(self):
        """Record the attendance and credit the shift's hours in the ledger, in the name of
        the user, who may not credit themselves (see ``coop.work.entry._credit``)."""
        self.check_access("write")
        if any(r.shift_id.start > fields.Datetime.now() for r in self):
            raise UserError(_("Attendance is recorded once the shift has started."))
        for registration in self.filtered(lambda r: r.state != "attended"):
            shift = registration.shift_id
            entry = self.env["coop.work.entry"]._credit(
                registration.partner_id,
                shift.duration,
                "shift",
                shift.display_name,
                origin=registration,
                on_date=fields.Date.context_today(registration, shift.start),
            )
            registration.write({"state": "attended", "work_entry_id": entry.id})

    def action_absent(self):
        self._set_not_attended("absent")

    def action_excused(self):
        self._set_not_attended("excused")

    def _set_not_attended(self, state):
        """No work counted: a line written by an earlier 'attended' is cancelled by an
        adjustment (the ledger keeps both)."""
        self.check_access("write")
        state_label = dict(self._fields["state"]._description_selection(self.env))[state]
        for registration in self.filtered("work_entry_id"):
            registration.work_entry_id._reverse(
                _("The member was finally marked %s.", state_label.lower())
            )
        self.write({"state": state, "work_entry_id": False})

    def action_cancel(self):
        if any(r.state == "attended" for r in self):
            raise UserError(_("An attended shift cannot be cancelled."))
        self.write({"state": "cancelled"})

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_send_reminders(self):
        """E-mail the members registered to tomorrow's shifts (once; opted-out members
        excepted). Mails are queued: a mail server down loses none. A reminder that cannot
        be written becomes an activity of a shift coordinator on the member, once."""
        now = fields.Datetime.now()
        registrations = self.search(
            [
                ("state", "=", "registered"),
                ("reminder_sent", "=", False),
                ("shift_id.state", "=", "open"),
                ("shift_start", ">", now),
                ("shift_start", "<=", now + timedelta(hours=24)),
            ]
        )
        to_remind = registrations.filtered(lambda r: not r.partner_id.coop_no_reminders)
        (registrations - to_remind).reminder_sent = True
        failed = self.env["coop.cron.step"]._run_each(
            to_remind,
            lambda registration: registration._send_reminder(),
            _("Shift reminders"),
            responsible=self.env["coop.shift"]._coordinator_user(),
            activity_on=lambda registration: registration.partner_id,
        )
        failed.reminder_sent = True
        return to_remind - failed

    def _send_reminder(self):
        self.ensure_one()
        template = self.env.ref("coop_member_shifts.mail_template_shift_reminder")
        # The heading is the registration's name: in the member's language, like the body.
        template = template.with_context(lang=self.partner_id.lang or self.env.lang)
        # By e-mail, SMS or the call list, as the member chose (see res.partner._coop_reach).
        self.partner_id._coop_reach(
            self,
            template,
            self.env.ref("coop_member_shifts.sms_template_shift_reminder"),
            company=self.shift_id.company_id,
            mail_kwargs={"email_layout_xmlid": "mail.mail_notification_light"},
            call_texts=self._reminder_call_texts,
        )
        self.reminder_sent = True

    def _reminder_call_texts(self, env):
        """The call to make to a member reached by phone only, about tomorrow's shift."""
        registration = self.with_env(env).sudo()
        return (
            env._("Call %s: remind them of their shift", registration.partner_id.name),
            registration.display_name,
        )
