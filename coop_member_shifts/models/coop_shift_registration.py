from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TAKING_SEAT = ("registered", "attended")


class CoopShiftRegistration(models.Model):
    _name = "coop.shift.registration"
    _description = "Shift Registration"
    _order = "shift_start desc, id"

    shift_id = fields.Many2one("coop.shift", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True)
    shift_start = fields.Datetime(related="shift_id.start", store=True)
    shift_end = fields.Datetime(related="shift_id.end", store=True)
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
        registrations = super().create(vals_list)
        registrations._check_can_register()
        registrations.shift_id._lock_and_check_seats()
        return registrations

    def _check_can_register(self):
        for registration in self:
            partner = registration.partner_id
            if partner.coop_work_status == "suspended" and not partner._coop_may_shop():
                raise ValidationError(
                    _(
                        "%s is suspended and cannot register: see their volunteer work.",
                        partner.name,
                    )
                )
            overlapping = self.search_count(
                [
                    ("id", "!=", registration.id),
                    ("partner_id", "=", partner.id),
                    ("state", "in", TAKING_SEAT),
                    ("shift_start", "<", registration.shift_end),
                    ("shift_end", ">", registration.shift_start),
                ]
            )
            if overlapping:
                raise ValidationError(
                    _("%s is already registered to a shift at that time.", partner.name)
                )

    # === ACTIONS ===#

    def action_attended(self):
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
        """No work counted: a line written by an earlier 'attended' is removed."""
        self.work_entry_id.sudo().unlink()
        self.write({"state": state})

    def action_cancel(self):
        if any(r.state == "attended" for r in self):
            raise UserError(_("An attended shift cannot be cancelled."))
        self.write({"state": "cancelled"})

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_send_reminders(self):
        """E-mail the members registered to tomorrow's shifts (once; opted-out members
        excepted). Mails are queued: a mail server down loses none."""
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
        template = self.env.ref("coop_member_shifts.mail_template_shift_reminder")
        for registration in registrations.filtered(lambda r: not r.partner_id.coop_no_reminders):
            template.send_mail(registration.id, email_layout_xmlid="mail.mail_notification_light")
        registrations.reminder_sent = True
