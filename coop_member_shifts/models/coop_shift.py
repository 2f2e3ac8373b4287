from collections import defaultdict, namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.bulk_insert import insert_records

# A fixed-team member's seat on a generated shift, as plain values.
Seat = namedtuple("Seat", "shift_id partner_id start end")


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
                shift._coop_post_as_coop(
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
        """Count the seats (under the lock taken by ``_lock_seats``), in one query."""
        self.invalidate_recordset(["seats_taken", "seats_free"])
        taken = self._taken_seats()
        for shift in self:
            if taken.get(shift.id, 0) > shift.seats:
                raise ValidationError(_("The shift %s is full.", shift.display_name))

    def _lock_and_check_seats(self):
        self._lock_seats()
        self._check_seats()

    def _register_fixed_team(self):
        """Register the fixed team of each of these new shifts' templates, in one batch: a
        member who cannot be registered (suspended, busy, shift full) is skipped and the
        coordinator is told once per template. Returns the registrations made.

        The members are locked before their other shifts are read (as a registration does):
        a member signing up elsewhere at that moment waits, or this job fails to serialize and
        runs again. The shifts are new, seen by no other transaction: nobody else takes their
        seats. The registrations are inserted in one query, their rules checked by
        ``_seat_fixed_team``."""
        registration_model = self.env["coop.shift.registration"]
        registration_model._lock_members(self.template_id.partner_ids.ids)
        seated, refused = self._seat_fixed_team()
        registrations = insert_records(
            registration_model,
            [
                {
                    "shift_id": seat.shift_id,
                    "partner_id": seat.partner_id,
                    "shift_start": seat.start,
                    "shift_end": seat.end,
                    "state": "registered",
                }
                for seat in seated
            ],
        )
        by_template = defaultdict(list)
        for shift, partner, reason in refused:
            by_template[shift.template_id].append((shift, partner, reason))
        for template, failures in by_template.items():
            template._report_fixed_team_failures(failures)
        return registrations

    def _seat_fixed_team(self):
        """Split the fixed teams of these shifts into the seats to take (``Seat``) and the
        ``(shift, partner, reason)`` refused, with the rules of a registration checked in
        bulk: a fixed number of queries for any number of shifts and members, and plain values
        (ids and times) rather than records in the loops over thousands of seats.

        A member is refused when suspended, when busy at that time (already registered, or
        seated on an overlapping shift of this batch: the earlier shift wins), when the task
        needs a skill they lack, and beyond the free seats (members seated in the order of the
        team)."""
        teams = {template.id: template.partner_ids.ids for template in self.template_id}
        seats = []
        for shift in self:
            start, end = shift.start, shift.end
            seats += [Seat(shift.id, member, start, end) for member in teams[shift.template_id.id]]
        suspended = set(
            self.template_id.partner_ids.filtered(
                lambda partner: (
                    partner.coop_work_status == "suspended" and not partner._coop_may_shop()
                )
            ).ids
        )
        unskilled = self._seats_missing_skill(seats)
        busy = self._busy_members(seats, suspended)
        taken = self._taken_seats()
        free = {shift.id: shift.seats - taken.get(shift.id, 0) for shift in self}
        seated, refused = [], []
        for index, seat in enumerate(seats):
            if seat.partner_id in suspended:
                refused.append((seat, "suspended"))
            elif (seat.shift_id, seat.partner_id) in unskilled:
                refused.append((seat, "skill"))
            elif index in busy:
                refused.append((seat, "busy"))
            elif free[seat.shift_id] <= 0:
                refused.append((seat, "full"))
            else:
                free[seat.shift_id] -= 1
                seated.append(seat)
        return seated, [self._fixed_team_refusal(seat, why) for seat, why in refused]

    def _seats_missing_skill(self, seats):
        """The ``(shift_id, partner_id)`` of the ``seats`` whose member lacks the skill the
        task requires (no query when no task of these shifts requires one)."""
        if not self.task_type_id.required_skill_id:
            return set()
        shifts = {shift.id: shift for shift in self}
        partners = {partner.id: partner for partner in self.template_id.partner_ids}
        pairs = [(shifts[seat.shift_id], partners[seat.partner_id]) for seat in seats]
        return {(shift.id, partner.id) for shift, partner in self._members_missing_skill(pairs)}

    def _fixed_team_refusal(self, seat, why):
        """``(shift, partner, reason)`` of a seat refused to a fixed-team member."""
        # Alone, not with the batch's prefetch: the shift's name is computed for this one
        # (its times and task are in the cache already, and so is the member's name).
        shift = self.browse(seat.shift_id)
        partner = self.env["res.partner"].browse(seat.partner_id)
        if why == "suspended":
            reason = _(
                "%s is suspended and cannot register: see their volunteer work.", partner.name
            )
        elif why == "skill":
            reason = shift._missing_skill_message(partner)
        elif why == "busy":
            reason = _("%s is already registered to a shift at that time.", partner.name)
        else:
            reason = _("The shift %s is full.", shift.display_name)
        return shift, partner, reason

    @api.model
    def _members_missing_skill(self, pairs):
        """The ``(shift, partner)`` pairs whose member lacks the skill the shift's task
        requires, in one query (none when no task requires a skill)."""
        shifts = self.union(*(shift for shift, _partner in pairs))
        skills = shifts.task_type_id.required_skill_id
        if not skills:
            return []
        partners = self.env["res.partner"].union(*(partner for _shift, partner in pairs))
        held = self.env["coop.member.skill"]._usable_pairs(partners, skills)
        return [
            (shift, partner)
            for shift, partner in pairs
            if shift.task_type_id.required_skill_id
            and (partner.id, shift.task_type_id.required_skill_id.id) not in held
        ]

    def _missing_skill_message(self, partner):
        """Why ``partner`` cannot take the shift: said to the member in the second person."""
        self.ensure_one()
        values = {
            "member": partner.name,
            "shift": self.display_name,
            "skill": self.task_type_id.required_skill_id.name,
        }
        if partner == self.env.user.partner_id:
            return _(
                "You cannot take the shift %(shift)s: it needs the skill %(skill)s. Add it to "
                "your skills; when the skill needs it, a coordinator confirms it.",
                **values,
            )
        return _(
            "%(member)s cannot take the shift %(shift)s: it needs the skill %(skill)s "
            "(declared, and confirmed by a coordinator when the skill needs it).",
            **values,
        )

    def _busy_members(self, seats, suspended):
        """Indexes of the ``seats`` whose member is busy at that time: registered elsewhere
        (one query), or on an overlapping seat of the same batch (the earlier shift wins).
        ``suspended`` member ids are left out."""
        busy = self.env["coop.shift.registration"]._overlapping(
            [(seat.partner_id, seat.start, seat.end, None) for seat in seats]
        )
        last_end = {}
        for index in sorted(range(len(seats)), key=lambda i: (seats[i].partner_id, seats[i].start)):
            seat = seats[index]
            if seat.partner_id in suspended or index in busy:
                continue
            if seat.start < last_end.get(seat.partner_id, seat.start):
                busy.add(index)
            else:
                last_end[seat.partner_id] = max(seat.end, last_end.get(seat.partner_id, seat.end))
        return busy

    @api.model
    def _coordinator_user(self):
        """The shift coordinator who is handed what a job could not do (else the admin)."""
        group = self.env.ref("coop_member_shifts.group_coop_shift_coordinator").sudo()
        admin = self.env.ref("base.user_admin")
        users = group.users.filtered(lambda user: user.active and not user._is_superuser())
        # A coordinator of the shifts rather than the administrator, who has every group.
        return users.sorted(lambda user: (user == admin, user.id))[:1] or admin
