import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The most of one product a standing order may ask for each week.
MAX_QUANTITY = 999


class CoopStandingOrderLine(models.Model):
    _name = "coop.standing.order.line"
    _description = "Standing Order Product"
    _order = "standing_order_id, id"

    standing_order_id = fields.Many2one(
        "coop.standing.order", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one("product.product", required=True, domain=[("sale_ok", "=", True)])
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    uom_name = fields.Char(related="product_id.uom_id.name", string="Unit")
    price_unit = fields.Float(
        related="product_id.lst_price", string="Today's Price", digits="Product Price"
    )
    company_id = fields.Many2one(related="standing_order_id.company_id", store=True)

    _sql_constraints = (
        (
            "product_unique",
            "unique(standing_order_id, product_id)",
            "A product appears once in a standing order: change its quantity instead.",
        ),
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            line._coop_check_quantity(line.quantity)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "quantity" in vals:
                self._coop_check_quantity(vals["quantity"])
        return super().create(vals_list)

    def write(self, vals):
        """A quantity that is not a number is refused before Odoo rounds it (NaN and
        infinity cannot be rounded)."""
        if "quantity" in vals:
            self._coop_check_quantity(vals["quantity"])
        return super().write(vals)

    def _coop_check_quantity(self, quantity):
        if (
            isinstance(quantity, bool)
            or not isinstance(quantity, int | float)
            or not math.isfinite(quantity)
            or not 0 < quantity <= MAX_QUANTITY
        ):
            raise ValidationError(
                self.env._(
                    "The quantity of a product must be a number above 0 and at most %s.",
                    MAX_QUANTITY,
                )
            )

    @api.constrains("product_id")
    def _check_product(self):
        for line in self:
            if not line.product_id.sale_ok:
                raise ValidationError(
                    self.env._(
                        "%s is not sold: it cannot be in a standing order.",
                        line.product_id.display_name,
                    )
                )

    # === BUSINESS METHODS ===#

    def _coop_unavailable(self, warehouse):
        """Why this product cannot be ordered this week, or None: no longer sold (archived,
        not for sale, not on the web shop), or out of stock in ``warehouse`` when the shop does
        not sell it out of stock."""
        self.ensure_one()
        product = self.product_id.sudo().with_context(active_test=False)
        if not (product.active and product.sale_ok and product.product_tmpl_id.is_published):
            return "not_sold"
        if product.is_storable and not product.allow_out_of_stock_order:
            free = product.with_context(warehouse_id=warehouse.id).free_qty
            if free < self.quantity:
                return "out_of_stock"
        return None
