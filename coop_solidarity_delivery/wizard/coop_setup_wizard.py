from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.coop_member_shifts.tools.display_numbers import format_number

from ..models.coop_delivery_request import (
    DEFAULT_DELIVERY_HOURS,
    DEFAULT_PREPARATION_HOURS,
    DELIVERY_HOURS_PARAM,
    PREPARATION_HOURS_PARAM,
)
from ..models.res_partner import DEFAULT_MAX_RADIUS_KM, MAX_RADIUS_PARAM

DEFAULT_DRIVE_SLOTS = [("2", 17.0, 19.0, 10), ("5", 9.5, 12.0, 15)]
DEFAULT_DELIVERY_SLOTS = [("3", 14.0, 17.0, 5)]


class CoopSetupWizard(models.TransientModel):
    """The store, solidarity delivery and payment steps of the setup assistant."""

    _inherit = "coop.setup.wizard"

    step = fields.Selection(
        selection_add=[
            ("store", "Store and Drive"),
            ("delivery", "Solidarity Delivery"),
            ("payment", "Payment"),
            ("done",),
        ],
        ondelete={"store": "set default", "delivery": "set default", "payment": "set default"},
    )
    # Store and drive
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Store",
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    store_name = fields.Char(
        default=lambda self: (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .name
        ),
    )
    drive_slot_ids = fields.One2many(
        "coop.setup.slot",
        "wizard_id",
        string="Drive Hours",
        domain=[("kind", "=", "drive")],
        context={"default_kind": "drive"},
        default=lambda self: self._default_slots("drive"),
    )
    # Solidarity delivery
    delivery_enabled = fields.Boolean(
        string="Offer Solidarity Delivery",
        default=lambda self: self._coop_solidarity_carrier().is_published,
        help="Volunteers bring the groceries home to members who cannot come.",
    )
    delivery_slot_ids = fields.One2many(
        "coop.setup.slot",
        "wizard_id",
        string="Delivery Days",
        domain=[("kind", "=", "delivery")],
        context={"default_kind": "delivery", "default_capacity": 5},
        default=lambda self: self._default_slots("delivery"),
    )
    max_radius_km = fields.Float(
        string="Largest Volunteer Radius (km)",
        default=lambda self: self._coop_param(MAX_RADIUS_PARAM, DEFAULT_MAX_RADIUS_KM),
    )
    delivery_hours = fields.Float(
        string="Hours for a Delivery",
        default=lambda self: self._coop_param(DELIVERY_HOURS_PARAM, DEFAULT_DELIVERY_HOURS),
    )
    preparation_hours = fields.Float(
        string="Hours for a Preparation",
        default=lambda self: self._coop_param(PREPARATION_HOURS_PARAM, DEFAULT_PREPARATION_HOURS),
    )
    # Payment
    pay_on_site = fields.Boolean(
        string="Payment on Site",
        default=True,
        help="Members pay their drive order when they pick it up.",
    )
    wire_transfer = fields.Boolean(
        string="Payment by Wire Transfer",
        default=True,
        help="Members pay by bank transfer; needed for delivered orders.",
    )

    def _default_slots(self, kind):
        carrier = self._coop_drive_carrier() if kind == "drive" else self._coop_solidarity_carrier()
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        rules = self.env["coop.slot.rule"].search(
            [("carrier_id", "=", carrier.id), ("warehouse_id", "=", warehouse.id)]
        )
        if rules:
            rows = [(r.weekday, r.start_hour, r.end_hour, r.capacity, r.id) for r in rules]
        else:
            defaults = DEFAULT_DRIVE_SLOTS if kind == "drive" else DEFAULT_DELIVERY_SLOTS
            rows = [(*row, False) for row in defaults]
        keys = ("weekday", "start_hour", "end_hour", "capacity", "rule_id")
        return [
            fields.Command.create({"kind": kind, **dict(zip(keys, row, strict=True))})
            for row in rows
        ]

    @api.depends(
        "step",
        "coop_name",
        "street",
        "city",
        "tz",
        "monthly_hours",
        "bracket_ids",
        "store_name",
        "drive_slot_ids",
        "delivery_enabled",
        "delivery_slot_ids",
        "max_radius_km",
        "pay_on_site",
        "wire_transfer",
    )
    def _compute_preview(self):
        return super()._compute_preview()

    # === BUSINESS METHODS ===#

    def _coop_steps(self):
        steps = super()._coop_steps()
        return steps[:-1] + ["store", "delivery", "payment"] + steps[-1:]

    def _coop_param(self, key, default):
        return float(self.env["ir.config_parameter"].sudo().get_param(key) or default)

    def _coop_drive_carrier(self):
        Carrier = self.env["delivery.carrier"].sudo()
        carrier = self.env.ref("website_sale_collect.carrier_pick_up_in_store", False)
        return (carrier or Carrier.search([("delivery_type", "=", "in_store")], limit=1)).sudo()

    def _coop_solidarity_carrier(self):
        return self.env.ref("coop_solidarity_delivery.carrier_solidarity_delivery").sudo()

    def _coop_payment_providers(self):
        """(on site, wire transfer) providers."""
        return (
            self.env.ref("website_sale_collect.payment_provider_on_site").sudo(),
            self.env.ref("payment.payment_provider_transfer").sudo(),
        )

    @api.model
    def _coop_setup_checks(self):
        checks = super()._coop_setup_checks()
        Rule = self.env["coop.slot.rule"].sudo()
        solidarity = self._coop_solidarity_carrier()
        providers = (
            self.env["payment.provider"]
            .sudo()
            .search(
                [("code", "=", "custom"), ("state", "=", "enabled"), ("is_published", "=", True)]
            )
        )
        return checks + [
            {
                "key": "store",
                "name": self.env._("A store with drive hours"),
                "done": bool(Rule.search_count([("carrier_id.delivery_type", "=", "in_store")])),
            },
            {
                "key": "delivery",
                "name": self.env._("Solidarity delivery: off, or on with delivery days"),
                "done": not solidarity.is_published
                or bool(Rule.search_count([("carrier_id", "=", solidarity.id)])),
            },
            {
                "key": "payment",
                "name": self.env._("Payment on site or by wire transfer"),
                "done": bool(providers),
            },
        ]

    def _coop_apply_identity(self):
        """The coop's websites greet visitors in the coop's language too; the websites and
        the store still named after Odoo's defaults ("My Website", "My Company") take the
        coop's name."""
        former_names = {self.company_id.name, "My Company", "My Website", "YourCompany"}
        result = super()._coop_apply_identity()
        websites = self.env["website"].sudo().search([("company_id", "=", self.company_id.id)])
        websites.write(
            {
                "language_ids": [fields.Command.link(self.lang_id.id)],
                "default_lang_id": self.lang_id.id,
            }
        )
        websites.filtered(lambda website: website.name in former_names).name = self.coop_name
        if not self.store_name or self.store_name in former_names:
            self.store_name = self.coop_name
        return result

    def _coop_apply_store(self):
        self.ensure_one()
        if not self.warehouse_id:
            raise ValidationError(self.env._("Choose the store where members pick up."))
        if not self.drive_slot_ids:
            raise ValidationError(self.env._("Add at least one drive slot a week."))
        warehouse = self.warehouse_id.sudo()
        if self.store_name and warehouse.name != self.store_name:
            warehouse.name = self.store_name
        carrier = self._coop_drive_carrier()
        carrier.warehouse_ids = [fields.Command.link(warehouse.id)]
        self._coop_publish(carrier, True)
        self._coop_sync_rules(carrier, self.drive_slot_ids)

    def _coop_apply_delivery(self):
        self.ensure_one()
        values = {
            MAX_RADIUS_PARAM: self.max_radius_km,
            DELIVERY_HOURS_PARAM: self.delivery_hours,
            PREPARATION_HOURS_PARAM: self.preparation_hours,
        }
        if any(value < 0 for value in values.values()):
            raise ValidationError(
                self.env._("The radius and the hours of a delivery cannot be negative.")
            )
        carrier = self._coop_solidarity_carrier()
        self._coop_publish(carrier, self.delivery_enabled)
        if not self.delivery_enabled:
            return
        if not self.delivery_slot_ids:
            raise ValidationError(self.env._("Add at least one delivery day, or turn it off."))
        params = self.env["ir.config_parameter"].sudo()
        for key, value in values.items():
            params.set_param(key, value)
        self._coop_sync_rules(carrier, self.delivery_slot_ids)

    def _coop_apply_payment(self):
        self.ensure_one()
        on_site, transfer = self._coop_payment_providers()
        for provider, enabled in ((on_site, self.pay_on_site), (transfer, self.wire_transfer)):
            if enabled:
                provider.payment_method_ids.active = True
                provider.write({"state": "enabled", "is_published": True})
            elif provider.state == "enabled":
                provider.write({"state": "disabled", "is_published": False})

    def _coop_publish(self, record, published):
        """Publish or hide a method (already in sudo) on the website, if it changes."""
        if record.is_published != published:
            record.is_published = published

    def _coop_sync_rules(self, carrier, lines):
        """Make the carrier's rules at the store match the lines: the rules of lines are
        updated, new lines become rules, rules no line keeps are archived; then the slots of
        the booking horizon are opened."""
        Rule = self.env["coop.slot.rule"].sudo()
        for line in lines:
            values = line._coop_rule_values()
            if line.rule_id:
                line.rule_id.sudo().write(values)
            else:
                line.rule_id = Rule.create(
                    {
                        **values,
                        "carrier_id": carrier.id,
                        "warehouse_id": self.warehouse_id.id,
                        "tz": self.tz,
                    }
                )
        kept = lines.rule_id.sudo()
        others = Rule.search(
            [("carrier_id", "=", carrier.id), ("warehouse_id", "=", self.warehouse_id.id)]
        )
        (others - kept).active = False
        kept.action_generate_slots()

    def _coop_preview_store(self):
        lines = [
            self.env._(
                "Members pick up their orders at %s, at these hours every week:",
                self.store_name or self.warehouse_id.name or "",
            )
        ]
        lines += [slot._coop_label() for slot in self.drive_slot_ids]
        lines.append(self.env._("Slots open for booking two weeks ahead."))
        return lines

    def _coop_preview_delivery(self):
        if not self.delivery_enabled:
            return [self.env._("Solidarity delivery is not offered at checkout.")]
        lines = [self.env._("Volunteers deliver on these days:")]
        lines += [slot._coop_label() for slot in self.delivery_slot_ids]
        lines.append(
            self.env._(
                "A volunteer is asked within %(radius)s km and credited %(hours)s hours a "
                "delivery.",
                radius=format_number(self.max_radius_km, self.env.lang, 1),
                hours=format_number(self.delivery_hours, self.env.lang),
            )
        )
        return lines

    def _coop_preview_payment(self):
        lines = []
        if self.pay_on_site:
            lines.append(self.env._("Drive orders can be paid at the store."))
        if self.wire_transfer:
            lines.append(self.env._("Orders can be paid by wire transfer."))
        return lines or [self.env._("No payment method: members cannot order online.")]
