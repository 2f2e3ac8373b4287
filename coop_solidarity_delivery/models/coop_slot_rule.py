from datetime import time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.coop_member_shifts.models.coop_shift_template import WEEKDAYS
from odoo.addons.coop_member_shifts.tools import display_dates

from ..tools import slot_rules


class CoopSlotRule(models.Model):
    _name = "coop.slot.rule"
    _description = "Drive Slot Rule"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "warehouse_id, weekday, start_hour"

    carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Method",
        required=True,
        domain=[
            "|",
            ("delivery_type", "in", ("in_store", "coopcycle")),
            ("coop_solidarity", "=", True),
        ],
        help="Pick up in store (drive), solidarity delivery by a volunteer, or by a courier.",
        ondelete="cascade",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Store",
        required=True,
        domain="[('id', 'in', allowed_warehouse_ids)]",
        ondelete="cascade",
    )
    allowed_warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Allowed Stores", compute="_compute_allowed_warehouse_ids"
    )
    weekday = fields.Selection(WEEKDAYS, required=True, default="0")
    start_hour = fields.Float(string="Start", required=True, default=17.0)
    end_hour = fields.Float(string="End", required=True, default=19.0)
    capacity = fields.Integer(
        required=True, default=10, help="How many orders can be picked up in one slot."
    )
    cutoff_hours = fields.Float(
        string="Cut-off (hours)",
        default=12.0,
        help="Hours before the start of a slot after which it can no longer be booked.",
    )
    horizon_days = fields.Integer(
        string="Booking Horizon (days)",
        default=14,
        help="How many days ahead slots are open for booking.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default=lambda self: self.env.user.tz or "Europe/Paris",
    )
    active = fields.Boolean(default=True)
    slot_ids = fields.One2many("coop.slot", "rule_id", string="Slots")

    @api.depends("carrier_id")
    def _compute_allowed_warehouse_ids(self):
        """The pickup locations of a pickup method; any store prepares solidarity deliveries."""
        all_warehouses = self.env["stock.warehouse"].search([])
        for rule in self:
            rule.allowed_warehouse_ids = rule.carrier_id.warehouse_ids or all_warehouses

    @api.constrains("start_hour", "end_hour")
    def _check_hours(self):
        for rule in self:
            if not 0 <= rule.start_hour < 24 or not 0 <= rule.end_hour < 24:
                raise ValidationError(self.env._("Slot hours must be between 00:00 and 23:59."))
            if rule.end_hour <= rule.start_hour:
                raise ValidationError(self.env._("A slot must end after it starts."))

    @api.constrains("capacity")
    def _check_capacity(self):
        if any(rule.capacity <= 0 for rule in self):
            raise ValidationError(self.env._("A slot must take at least one order."))

    @api.constrains("cutoff_hours", "horizon_days")
    def _check_cutoff(self):
        for rule in self:
            if rule.cutoff_hours < 0 or rule.horizon_days <= 0:
                raise ValidationError(
                    self.env._("The cut-off and the booking horizon cannot be negative.")
                )
            if rule.cutoff_hours > rule.horizon_days * 24:
                raise ValidationError(
                    self.env._(
                        "The cut-off (%(cutoff)s hours) is longer than the booking horizon "
                        "(%(horizon)s days): no slot could ever be booked.",
                        cutoff=rule.cutoff_hours,
                        horizon=rule.horizon_days,
                    )
                )

    @api.constrains("carrier_id", "warehouse_id")
    def _check_warehouse(self):
        for rule in self:
            if not rule.carrier_id._coop_has_slots():
                raise ValidationError(
                    self.env._(
                        "Slots are for a pick-up in store method or for the solidarity delivery."
                    )
                )
            if rule.carrier_id.warehouse_ids and rule.warehouse_id not in (
                rule.carrier_id.warehouse_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The store %(store)s is not a pickup location of %(method)s.",
                        store=rule.warehouse_id.name,
                        method=rule.carrier_id.name,
                    )
                )

    @api.depends("weekday", "start_hour", "end_hour", "warehouse_id")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        for rule in self:
            hours = (
                display_dates.format_clock(_hour_of(rule.start_hour), self.env.lang)
                + display_dates.RANGE_DASH
                + display_dates.format_clock(_hour_of(rule.end_hour), self.env.lang)
            )
            rule.display_name = " ".join(
                part for part in (rule.warehouse_id.name, weekdays.get(rule.weekday), hours) if part
            )

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Drive slot rule created")

    # === BUSINESS METHODS ===#

    def action_generate_slots(self):
        """Create the missing dated slots of the horizon; existing ones are left as they are,
        and open slots falling on a closing day are closed."""
        slots = self._generate_slots()
        self.env["coop.closing.day"].search([("date", ">=", fields.Date.today())])._close_slots()
        return slots

    def _generate_slots(self):
        """Create the missing dated slots of the horizon of each active rule."""
        Slot = self.env["coop.slot"]
        existing = {
            (slot.rule_id.id, slot.start)
            for slot in Slot.with_context(active_test=False).search([("rule_id", "in", self.ids)])
        }
        closings = self.env["coop.closing.day"].search([("date", ">=", fields.Date.today())])
        values = []
        for rule in self.filtered("active"):
            today = slot_rules.utc_to_local(fields.Datetime.now(), rule.tz).date()
            closed = {
                day.date
                for day in closings
                if not day.warehouse_id or day.warehouse_id == rule.warehouse_id
            }
            for start, end in slot_rules.rule_slots(
                int(rule.weekday),
                rule.start_hour,
                rule.end_hour,
                rule.horizon_days,
                today,
                rule.tz,
                closed,
            ):
                if (rule.id, start) not in existing and start > fields.Datetime.now():
                    values.append(rule._prepare_slot_values(start, end))
        return Slot.create(values)

    def _prepare_slot_values(self, start, end):
        self.ensure_one()
        return {
            "rule_id": self.id,
            "carrier_id": self.carrier_id.id,
            "warehouse_id": self.warehouse_id.id,
            "start": start,
            "end": end,
            "capacity": self.capacity,
            "cutoff": start - timedelta(hours=self.cutoff_hours),
        }

    @api.model
    def _cron_generate_slots(self):
        """Each rule on its own: a rule that breaks is handed to the coordinator, the others
        get their slots; then the slots of closing days are closed."""
        self.env["coop.cron.step"]._run_each(
            self.search([]),
            lambda rule: rule._generate_slots(),
            self.env._("Generate the slots"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )
        self.env["coop.closing.day"].search([("date", ">=", fields.Date.today())])._close_slots()


def _hour_of(hours):
    """The time of day of a number of hours (17.5 -> 17:30)."""
    minutes = min(max(round((hours or 0.0) * 60), 0), 24 * 60 - 1)
    return time(*divmod(minutes, 60))
