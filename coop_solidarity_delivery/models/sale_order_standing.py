# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    """Orders made by a standing order, and standing orders made from an order."""

    _inherit = "sale.order"

    coop_standing_order_id = fields.Many2one(
        "coop.standing.order", string="Standing Order", copy=False, index="btree_not_null"
    )
    coop_standing_week = fields.Date(
        string="Standing Order Delivery", copy=False, help="The delivery this order was made for."
    )

    coop_payment_awaited_since = fields.Datetime(
        string="Payment Awaited Since",
        copy=False,
        readonly=True,
        help="A standing order's order to be paid online holds its slot's seat from then, for "
        "the payment delay of Settings.",
    )

    _sql_constraints = (
        (
            "coop_standing_week_unique",
            "unique(coop_standing_order_id, coop_standing_week)",
            "A standing order makes one order per delivery.",
        ),
    )

    def action_coop_make_standing_order(self):
        """Repeat this drive order every week: open the standing order made from it. For
        those who may change the order (the drive staff); members repeat theirs from the
        order's portal page."""
        self.ensure_one()
        self.check_access("write")
        standing = self._coop_make_standing_order()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.standing.order",
            "res_id": standing.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # === BUSINESS METHODS ===#

    def _coop_make_standing_order(self):
        """The standing order repeating this confirmed order on its weekly slot: the one
        already made from it, or a new one with its products still sold."""
        self.ensure_one()
        order = self.sudo()
        rule = order.coop_slot_id.rule_id
        if order.state != "sale" or not rule:
            raise UserError(
                self.env._(
                    "Only a confirmed order booked on a weekly slot can be repeated every week."
                )
            )
        Standing = self.env["coop.standing.order"].sudo()
        existing = Standing.search(
            [("source_order_id", "=", order.id), ("state", "!=", "stopped")], limit=1
        )
        if existing:
            return existing
        quantities = {}
        for line in order.order_line.filtered(
            lambda line: not line.display_type and not line.is_delivery and line.product_id.sale_ok
        ):
            quantities[line.product_id] = quantities.get(line.product_id, 0) + line.product_uom_qty
        if not quantities:
            raise UserError(self.env._("This order has no product to repeat."))
        standing = Standing.create(
            {
                "partner_id": order.partner_id.id,
                "rule_id": rule.id,
                "company_id": order.company_id.id,
                "source_order_id": order.id,
                "line_ids": [
                    fields.Command.create({"product_id": product.id, "quantity": quantity})
                    for product, quantity in quantities.items()
                ],
            }
        )
        standing.message_post(body=self.env._("Made from the order %s.", order.name))
        return standing

    def _coop_set_delivery_price(self):
        """The method's price of today, as at checkout (nothing when it cannot be rated)."""
        self.ensure_one()
        carrier = self.carrier_id
        rate = carrier.rate_shipment(self)
        if rate.get("success"):
            self.set_delivery_line(carrier, rate["price"])

    @api.model
    def _cron_coop_release_payment_holds(self):
        """Standing orders' orders still unpaid after the delay give their seat back too."""
        res = super()._cron_coop_release_payment_holds()
        deadline = fields.Datetime.now() - self.env["coop.slot"]._payment_hold_delay()
        orders = self.sudo().search(
            [
                ("state", "in", ("draft", "sent")),
                ("coop_slot_id", "!=", False),
                ("coop_payment_awaited_since", "<", deadline),
                (
                    "transaction_ids",
                    "not any",
                    [("state", "in", ("pending", "authorized", "done"))],
                ),
            ]
        )
        self.env["coop.cron.step"]._run_each(
            orders,
            lambda order: order._coop_release_awaited_payment(),
            self.env._("Release of the seats held by standing orders awaiting payment"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )
        return res

    def _coop_release_awaited_payment(self):
        self.ensure_one()
        self._coop_release_payment_hold()
        self.coop_payment_awaited_since = False
