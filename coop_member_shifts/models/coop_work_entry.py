from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

KINDS = [
    ("shift", "Shift"),
    ("task", "Task"),
    ("delivery", "Delivery"),
    ("event", "Event"),
    ("adjustment", "Adjustment"),
]
COORDINATOR_GROUP = "coop_member_shifts.group_coop_shift_coordinator"
# Written by the server only, through the methods that check who validates.
STATE_FIELDS = {"state", "validated_by_id", "validation_date"}
# Frozen once a line is validated: a correction is a new adjustment line.
LEDGER_FIELDS = STATE_FIELDS | {
    "partner_id",
    "date",
    "hours",
    "kind",
    "reason",
    "origin",
    "company_id",
    "correction_of_id",
}
# The personal text an anonymisation (server code, as the superuser) may scrub from a
# validated line: its hours, date and member never change.
ANONYMISABLE_FIELDS = {"reason"}


class CoopWorkEntry(models.Model):
    """The ledger of volunteer work: one line per counted piece of work.

    Balances, monthly totals and statuses are derived from these lines only, so that any of
    them can be explained line by line and recomputed. As in accounting, a validated line is
    never edited nor deleted: it is corrected by a new adjustment line with its reason.
    """

    _name = "coop.work.entry"
    _description = "Volunteer Work Entry"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    hours = fields.Float(required=True, tracking=True, aggregator="sum")
    kind = fields.Selection(KINDS, required=True, default="task", tracking=True)
    name = fields.Char(string="Description", required=True, tracking=True)
    reason = fields.Text(help="Why an adjustment was made.", tracking=True)
    origin = fields.Reference(
        selection="_selection_origin", readonly=True, help="The shift, request... it comes from."
    )
    state = fields.Selection(
        [("draft", "To validate"), ("validated", "Validated"), ("refused", "Refused")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    validation_date = fields.Datetime(readonly=True, copy=False)
    correction_of_id = fields.Many2one(
        "coop.work.entry",
        string="Corrects",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The validated line this adjustment corrects.",
    )
    correction_ids = fields.One2many("coop.work.entry", "correction_of_id", string="Corrections")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    def init(self):
        # An event helper's hours are in the ledger once, whoever counts them at the same moment
        # (the button, the stage, the daily job): one line of kind "event" an origin. The
        # adjustments that correct or reverse it carry the same origin, of another kind.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS coop_work_entry_event_helper_once
               ON coop_work_entry (origin)
               WHERE kind = 'event' AND origin LIKE 'coop.event.helper,%%'"""
        )

    @api.model
    def _selection_origin(self):
        return [(model, name) for model, name in self._origin_models()]

    @api.model
    def _origin_models(self):
        """Models whose records can be the origin of a ledger line (extended by addons)."""
        return [
            ("coop.shift.registration", self.env._("Shift Registration")),
            ("coop.event.helper", self.env._("Event Organiser or Host")),
        ]

    @api.constrains("hours", "kind")
    def _check_hours(self):
        for entry in self:
            if entry.kind != "adjustment" and not 0 < entry.hours <= 24:
                raise ValidationError(_("Hours of work must be more than 0 and at most 24."))
            if entry.kind == "adjustment" and not -744 <= entry.hours <= 744:
                raise ValidationError(_("An adjustment cannot exceed a month of hours."))

    @api.constrains("kind", "reason")
    def _check_adjustment_reason(self):
        for entry in self:
            if entry.kind == "adjustment" and not (entry.reason or "").strip():
                raise ValidationError(_("An adjustment needs a reason."))

    @api.constrains("correction_of_id", "kind", "partner_id")
    def _check_correction(self):
        for entry in self.filtered("correction_of_id"):
            corrected = entry.correction_of_id
            if entry.kind != "adjustment" or corrected.partner_id != entry.partner_id:
                raise ValidationError(_("A correction is an adjustment of the same member's work."))
            if corrected.state != "validated":
                raise ValidationError(_("Only a validated line is corrected by an adjustment."))

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        """A line is created validated (or refused) only by a shift coordinator, or by the
        server's own trusted methods (``_credit``); who validated is always set here."""
        now = fields.Datetime.now()
        for vals in vals_list:
            # Explicit values, so that no default (from the context, say) sets them either.
            state = vals.get("state") or "draft"
            vals.update(state=state, validated_by_id=False, validation_date=False)
            if state == "draft":
                continue
            self._check_validator_group()
            vals["validated_by_id"] = self.env.uid
            if state == "validated":
                vals["validation_date"] = now
        entries = super().create(vals_list)
        entries.filtered(lambda e: e.state == "validated")._check_may_be_validated()
        self._invalidate_member_status()
        return entries

    def write(self, vals):
        if STATE_FIELDS & vals.keys() and not self.env.su:
            raise AccessError(
                _("A work line is validated or refused with its buttons, by a shift coordinator.")
            )
        frozen = LEDGER_FIELDS & vals.keys()
        if self.env.su and self.env.context.get("coop_anonymisation"):
            frozen -= ANONYMISABLE_FIELDS
        if frozen and any(e.state == "validated" for e in self):
            raise UserError(
                _(
                    "A validated work line is never changed: a coordinator corrects it with an "
                    "adjustment line (button Correct)."
                )
            )
        result = super().write(vals)
        if LEDGER_FIELDS & vals.keys():
            self._invalidate_member_status()
        return result

    def unlink(self):
        if not self.env.su and any(entry.state == "validated" for entry in self):
            raise UserError(
                _("A validated work line is never deleted: correct it with an adjustment line.")
            )
        self._invalidate_member_status()
        return super().unlink()

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Volunteer work entry created")

    # === ACTIONS ===#

    def action_validate(self):
        self._check_validator_group()
        if any(entry.state != "draft" for entry in self):
            raise UserError(_("Only work lines to validate can be validated."))
        self._check_may_be_validated()
        self.sudo().write(
            {
                "state": "validated",
                "validated_by_id": self.env.uid,
                "validation_date": fields.Datetime.now(),
            }
        )

    def action_refuse(self):
        self._check_validator_group()
        if any(entry.state != "draft" for entry in self):
            raise UserError(_("Only work lines to validate can be refused."))
        self.sudo().write({"state": "refused", "validated_by_id": self.env.uid})

    def action_correct(self):
        """Open a new adjustment line correcting this validated one (its reason required)."""
        self.ensure_one()
        self._check_validator_group()
        if self.state != "validated":
            raise UserError(_("Only a validated line needs a correction: edit this one."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct a work line"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_kind": "adjustment",
                "default_correction_of_id": self.id,
                "default_name": _("Correction of %s", self.name),
            },
        }

    # === BUSINESS METHODS ===#

    @api.model
    def _invalidate_member_status(self):
        """Statuses are derived from the ledger: a line written counts at once, even later in
        the same transaction (a member who made up their hours registers to a shift)."""
        self.env["res.partner"].invalidate_model(
            ["coop_work_status", "coop_work_balance", "coop_work_months_html"]
        )

    @api.model
    def _check_validator_group(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(_("Only a shift coordinator validates or refuses volunteer work."))

    def _check_may_be_validated(self):
        """Nobody validates their own work, and work is validated once it is done."""
        own = self.env.user.partner_id | self.env.user.partner_id.commercial_partner_id
        today = fields.Date.context_today(self)
        for entry in self:
            if entry.partner_id in own:
                raise UserError(_("Nobody validates their own work: ask another coordinator."))
            if entry.date > today:
                raise UserError(
                    _(
                        "The work of %(date)s cannot be validated before it is done.",
                        date=entry.date,
                    )
                )

    @api.model
    def _credit(self, partner, hours, kind, name, origin=None, on_date=None):
        """Write a validated line for work the coop itself recorded (a delivery, a shift),
        in the name of the current user, who may not credit themselves. Work done ahead of
        its planned day is credited on the day it is recorded."""
        today = fields.Date.context_today(self)
        return self.sudo().create(
            {
                "partner_id": partner.id,
                "hours": hours,
                "kind": kind,
                "name": name,
                "date": min(on_date or today, today),
                "origin": f"{origin._name},{origin.id}" if origin else False,
                "state": "validated",
            }
        )

    def _reverse(self, reason):
        """Cancel validated lines by adjustments of the opposite hours (the ledger keeps both)."""
        return self.sudo().create(
            [
                {
                    "partner_id": entry.partner_id.id,
                    "hours": -entry.hours,
                    "kind": "adjustment",
                    "name": self.env._("Cancelled: %s", entry.name),
                    "reason": reason,
                    "origin": entry.origin and f"{entry.origin._name},{entry.origin.id}",
                    "correction_of_id": entry.id,
                    "state": "validated",
                }
                for entry in self.filtered(lambda e: e.state == "validated")
            ]
        )
