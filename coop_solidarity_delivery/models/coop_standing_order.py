import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import slot_rules

MAX_INTERVAL_WEEKS = 52
# How many days ahead of a delivery its week's order is made (before the slot's cut-off).
LEAD_DAYS = 3
OUTCOMES = [
    ("created", "Order made"),
    ("held", "Held: membership suspended"),
    ("no_slot", "No free slot"),
    ("closed", "Store closed"),
    ("empty", "Nothing available"),
]


def first_date(weekday, today):
    """The first ``weekday`` (0 = Monday) at least two days after ``today``: the first
    delivery whose order can still be made before its cut-off."""
    earliest = today + timedelta(days=2)
    return earliest + timedelta(days=(weekday - earliest.weekday()) % 7)


class CoopStandingOrder(models.Model):
    _name = "coop.standing.order"
    _description = "Standing Weekly Order"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "next_date, id"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, tracking=True
    )
    rule_id = fields.Many2one(
        "coop.slot.rule",
        string="Weekly Slot",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="The weekly slot (store, weekday, hours, method) the orders are booked on.",
    )
    warehouse_id = fields.Many2one(related="rule_id.warehouse_id", string="Store", store=True)
    carrier_id = fields.Many2one(related="rule_id.carrier_id", string="Method", store=True)
    interval_weeks = fields.Integer(string="Every (weeks)", required=True, default=1, tracking=True)
    next_date = fields.Date(
        string="Next Delivery",
        required=True,
        tracking=True,
        help="The day of the next order; its order is made a few days before the cut-off.",
    )
    state = fields.Selection(
        [("active", "Active"), ("paused", "Paused"), ("stopped", "Stopped")],
        default="active",
        required=True,
        tracking=True,
    )
    pause_until = fields.Date(
        tracking=True, help="A paused order starts again after this day; empty: until resumed."
    )
    skip_date = fields.Date(string="Skip the Delivery of", tracking=True)
    payment_mode = fields.Selection(
        [("on_site", "On site"), ("online", "The member confirms and pays online")],
        string="Payment",
        default="on_site",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "coop.standing.order.line", "standing_order_id", string="Products", copy=True
    )
    order_ids = fields.One2many("sale.order", "coop_standing_order_id")
    order_count = fields.Integer(compute="_compute_order_count")
    source_order_id = fields.Many2one("sale.order", string="Made From", copy=False)
    last_outcome = fields.Selection(OUTCOMES, readonly=True, copy=False)
    last_order_id = fields.Many2one("sale.order", readonly=True, copy=False)
    last_left_out = fields.Text(string="Left Out Last Time", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.depends("partner_id", "rule_id", "interval_weeks")
    def _compute_display_name(self):
        for standing in self:
            standing.display_name = self.env._(
                "%(member)s, %(slot)s",
                member=standing.partner_id.name or "",
                slot=standing.rule_id.sudo().display_name or "",
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for standing in self:
            standing.access_url = f"/my/standing-orders/{standing.id}"
        return res

    @api.depends("order_ids")
    def _compute_order_count(self):
        for standing in self:
            standing.order_count = len(standing.order_ids)

    @api.constrains("interval_weeks")
    def _check_interval_weeks(self):
        for standing in self:
            if not 1 <= standing.interval_weeks <= MAX_INTERVAL_WEEKS:
                raise ValidationError(
                    self.env._("A standing order comes every 1 to %s weeks.", MAX_INTERVAL_WEEKS)
                )

    @api.constrains("next_date", "rule_id")
    def _check_next_date(self):
        for standing in self:
            if standing.next_date.weekday() != int(standing.rule_id.weekday):
                raise ValidationError(
                    self.env._(
                        "The next delivery must fall on the weekday of the slot (%s).",
                        standing.rule_id.display_name,
                    )
                )

    @api.onchange("rule_id")
    def _onchange_rule_id(self):
        if self.rule_id:
            self.next_date = first_date(int(self.rule_id.weekday), self._coop_today())

    def init(self):
        """Standing orders made before their token was given at creation get one now: the
        member's pages, served by a read replica, cannot write it."""
        self.env.cr.execute(
            "UPDATE coop_standing_order SET access_token = gen_random_uuid()::text"
            " WHERE access_token IS NULL"
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("next_date") and vals.get("rule_id"):
                rule = self.env["coop.slot.rule"].browse(vals["rule_id"])
                vals["next_date"] = first_date(int(rule.weekday), self._coop_today(rule))
            # The link's token now, not at the first page that shows it: a page served by a
            # read replica cannot write it (see portal.mixin._portal_ensure_token).
            vals.setdefault("access_token", str(uuid.uuid4()))
        return super().create(vals_list)

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Standing weekly order created")

    # === ACTIONS ===#

    def action_pause(self):
        self.write({"state": "paused"})

    def action_resume(self):
        self.write({"state": "active", "pause_until": False})

    def action_stop(self):
        self.write({"state": "stopped"})

    def action_skip_next(self):
        for standing in self:
            standing._coop_skip_next()

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("coop_standing_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # === BUSINESS METHODS ===#

    def _coop_today(self, rule=None):
        """Today in the timezone of the store (of ``rule``, default: this order's)."""
        tz = (rule or self.rule_id).sudo().tz or "UTC"
        return slot_rules.utc_to_local(fields.Datetime.now(), tz).date()

    def _coop_week_order(self, day=None):
        """The order made for the delivery of ``day`` (default: the last one still ahead)."""
        self.ensure_one()
        orders = self.sudo().order_ids
        if day:  # a cancelled (skipped) order counts: its week is done
            return orders.filtered(lambda o: o.coop_standing_week == day)[:1]
        orders = orders.filtered(lambda o: o.state != "cancel")
        today = self._coop_today()
        ahead = orders.filtered(lambda o: o.coop_standing_week and o.coop_standing_week >= today)
        return ahead.sorted("coop_standing_week")[:1]

    def _coop_skip_next(self):
        """Skip the coming delivery: its order is cancelled when it is already made and its
        slot still open for changes; otherwise the next delivery not yet made is skipped."""
        self.ensure_one()
        self._coop_check_running()
        order = self._coop_week_order()
        if order and order.coop_slot_id and order.state in ("draft", "sent", "sale"):
            slot = order.coop_slot_id.sudo()
            if order.coop_drive_state != "to_prepare" or fields.Datetime.now() > slot.cutoff:
                raise UserError(
                    self.env._(
                        "The order of this week (%s) is being prepared: it can no longer be "
                        "skipped. Please contact the coop.",
                        order.name,
                    )
                )
            order.sudo()._action_cancel()
            self._coop_post_as_coop(
                company=self.company_id, body=self.env._("The order %s is skipped.", order.name)
            )
            return order.coop_standing_week
        self.skip_date = self.next_date
        return self.next_date

    def _coop_lock_row(self):
        """Lock and touch this row before reading its lines: a concurrent change of the same
        standing order waits, fails to serialize and is retried by Odoo, reading the lines
        added here (one line a product: the unique index is the last guard)."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE coop_standing_order SET write_date = (now() at time zone 'UTC') "
                "WHERE id = %s",
                self.id,
            ),
            log_exceptions=False,
        )
        self.invalidate_recordset(["line_ids"])

    def _coop_check_running(self):
        if self.state == "stopped":
            raise UserError(self.env._("This standing order is stopped."))

    def _coop_pause(self, until=None):
        self.ensure_one()
        self._coop_check_running()
        today = self._coop_today()
        if until and not today <= until <= today + timedelta(days=366):
            raise UserError(self.env._("Choose a date within the coming year to start again."))
        self.write({"state": "paused", "pause_until": until or False})

    def _coop_set_quantities(self, quantities):
        """``{line: quantity}``: 0 removes the line; at least one product stays."""
        self.ensure_one()
        self._coop_check_running()
        foreign = [line for line in quantities if line.standing_order_id != self]
        if foreign:
            raise UserError(self.env._("This product is not in your standing order."))
        kept = self.line_ids.filtered(lambda line: quantities.get(line, line.quantity) > 0)
        if not kept:
            raise UserError(
                self.env._("Keep at least one product, or stop the standing order instead.")
            )
        for line, quantity in quantities.items():
            if quantity == 0:
                line.unlink()
            elif quantity != line.quantity:
                line.quantity = quantity

    def _coop_add_product(self, product, quantity):
        """Add a product the web shop sells (or add to its quantity)."""
        self.ensure_one()
        self._coop_check_running()
        product = product.sudo().exists()
        if not (
            product
            and product.active
            and product.sale_ok
            and product.product_tmpl_id.is_published
            and product.company_id in (self.company_id, self.env["res.company"])
        ):
            raise UserError(self.env._("This product is not sold online."))
        self._coop_lock_row()
        line = self.line_ids.filtered(lambda line: line.product_id == product)
        if line:
            line.quantity += quantity
        else:
            self.line_ids = [
                fields.Command.create({"product_id": product.id, "quantity": quantity})
            ]
