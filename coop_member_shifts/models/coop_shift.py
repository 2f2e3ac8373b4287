from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoopShift(models.Model):
    _name = "coop.shift"
    _description = "Volunteer Shift"
    _inherit = ["mail.thread"]
    _order = "start"

    template_id = fields.Many2one("coop.shift.template", ondelete="set null", index=True)
    task_type_id = fields.Many2one("coop.task.type", string="Task", required=True)
    start = fields.Datetime(required=True, index=True)
    end = fields.Datetime(required=True)
    seats = fields.Integer(required=True, default=4)
    state = fields.Selection(
        [("open", "Open"), ("cancelled", "Cancelled")], default="open", required=True, tracking=True
    )
    registration_ids = fields.One2many(
        "coop.shift.registration", "shift_id", string="Registrations"
    )
    seats_taken = fields.Integer(compute="_compute_seats")
    seats_free = fields.Integer(string="Free Seats", compute="_compute_seats")
    duration = fields.Float(compute="_compute_duration")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    _sql_constraints = [
        ("template_start_unique", "UNIQUE(template_id, start)", "A template has one shift a time."),
    ]

    def _compute_seats(self):
        taken = self._taken_seats()
        for shift in self:
            shift.seats_taken = taken.get(shift._origin.id, 0)
            shift.seats_free = max(shift.seats - shift.seats_taken, 0)

    @api.depends("start", "end")
    def _compute_duration(self):
        for shift in self:
            delta = (shift.end - shift.start) if shift.start and shift.end else None
            shift.duration = delta.total_seconds() / 3600 if delta else 0.0

    @api.depends("task_type_id", "start", "end")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        """ "Reception, samedi 5 décembre, 9 h – 12 h", as the current user reads it."""
        reader = self.env.user.partner_id
        for shift in self:
            when = reader._coop_when(shift.start, shift.end)
            shift.display_name = ", ".join(filter(None, (shift.task_type_id.name, when)))

    @api.constrains("start", "end", "seats")
    def _check_times_and_seats(self):
        for shift in self:
            if shift.end <= shift.start:
                raise ValidationError(_("A shift ends after it starts."))
            if shift.seats <= 0:
                raise ValidationError(_("A shift needs at least one seat."))

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Volunteer shift created")

    # === ACTIONS ===#

    def action_cancel(self):
        """Cancel the shifts (a public holiday, say) and tell the members registered."""
        for shift in self:
            registrations = shift.registration_ids.filtered(lambda r: r.state == "registered")
            shift.state = "cancelled"
            registrations.state = "cancelled"
            if registrations:
                shift.message_post(
                    body=_("This shift is cancelled: you do not need to come."),
                    partner_ids=registrations.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )

    # === BUSINESS METHODS ===#

    def _taken_seats(self):
        """``{shift_id: registrations taking a seat}`` in one query."""
        ids = [shift_id for shift_id in self._origin.ids if shift_id]
        if not ids:
            return {}
        groups = (
            self.env["coop.shift.registration"]
            .sudo()
            ._read_group(
                [("shift_id", "in", ids), ("state", "in", ("registered", "attended"))],
                ["shift_id"],
                ["__count"],
            )
        )
        return {shift.id: count for shift, count in groups}

    def _lock_seats(self):
        """Row-lock the shifts before a registration is written, in a fixed order.

        Members signing up at once are served one after the other (no deadlock: nobody
        inserts a registration, and its key-share lock on the shift, before holding the
        shift's lock). The row is also touched, so that a transaction whose snapshot is older
        than the last registration fails to serialize and is retried by Odoo, instead of
        counting the seats from its stale snapshot."""
        ids = tuple(sorted({shift_id for shift_id in self.ids if shift_id}))
        if not ids:
            return
        self.env.cr.execute(
            "SELECT id FROM coop_shift WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", [ids]
        )
        self.env.cr.execute("UPDATE coop_shift SET write_date = write_date WHERE id IN %s", [ids])

    def _check_seats(self):
        """Count the seats (under the lock taken by ``_lock_seats``)."""
        self.invalidate_recordset(["seats_taken", "seats_free"])
        for shift in self:
            if shift._taken_seats().get(shift.id, 0) > shift.seats:
                raise ValidationError(_("The shift %s is full.", shift.display_name))

    def _lock_and_check_seats(self):
        self._lock_seats()
        self._check_seats()

    def _register_fixed_team(self):
        """Register the fixed team of each shift's template, member by member: a member who
        cannot be registered (suspended, busy, shift full) is skipped and the coordinator is
        told once per template. Returns the registrations made."""
        registrations = self.env["coop.shift.registration"]
        refused = {}
        for shift in self:
            for partner in shift.template_id.partner_ids:
                try:
                    with self.env.cr.savepoint():
                        registrations |= registrations.create(
                            {"shift_id": shift.id, "partner_id": partner.id}
                        )
                except (UserError, ValidationError) as error:
                    refused.setdefault(shift.template_id, []).append((shift, partner, error))
        for template, failures in refused.items():
            template._report_fixed_team_failures(failures)
        return registrations

    @api.model
    def _coordinator_user(self):
        """The shift coordinator who is handed what a job could not do (else the admin)."""
        group = self.env.ref("coop_member_shifts.group_coop_shift_coordinator").sudo()
        admin = self.env.ref("base.user_admin")
        users = group.users.filtered(lambda user: user.active and not user._is_superuser())
        # A coordinator of the shifts rather than the administrator, who has every group.
        return users.sorted(lambda user: (user == admin, user.id))[:1] or admin
