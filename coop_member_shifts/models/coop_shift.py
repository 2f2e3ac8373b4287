from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoopShift(models.Model):
    _name = "coop.shift"
    _description = "Shift"
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

    @api.depends("task_type_id", "start")
    def _compute_display_name(self):
        for shift in self:
            start = fields.Datetime.context_timestamp(shift, shift.start) if shift.start else None
            shift.display_name = "%s %s" % (
                shift.task_type_id.name or "",
                start.strftime("%Y-%m-%d %H:%M") if start else "",
            )

    @api.constrains("start", "end", "seats")
    def _check_times_and_seats(self):
        for shift in self:
            if shift.end <= shift.start:
                raise ValidationError(_("A shift ends after it starts."))
            if shift.seats <= 0:
                raise ValidationError(_("A shift needs at least one seat."))

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

    def _lock_and_check_seats(self):
        """Row-lock the shifts, then count their seats: two members signing up for the last
        seat at once are served one after the other, and the second is refused."""
        if not self:
            return
        self.env.cr.execute(
            "SELECT id FROM coop_shift WHERE id IN %s FOR UPDATE", [tuple(self.ids)]
        )
        self.env.cr.execute(
            "UPDATE coop_shift SET write_date = write_date WHERE id IN %s", [tuple(self.ids)]
        )
        self.invalidate_recordset(["seats_taken", "seats_free"])
        for shift in self:
            if shift._taken_seats().get(shift.id, 0) > shift.seats:
                raise ValidationError(_("The shift %s is full.", shift.display_name))

    def _register_fixed_team(self):
        values = [
            {"shift_id": shift.id, "partner_id": partner.id}
            for shift in self
            for partner in shift.template_id.partner_ids
        ]
        return self.env["coop.shift.registration"].create(values)
