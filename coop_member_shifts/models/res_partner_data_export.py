import json
from datetime import datetime

from odoo import fields, models

from ..tools import display_dates

ORDER_FIELDS = ["name", "date_order", "state", "commitment_date", "amount_untaxed"]
ORDER_FIELDS += ["amount_tax", "amount_total", "currency_id"]
ORDER_LINE_FIELDS = ["name", "product_id", "product_uom_qty", "product_uom", "price_unit"]
ORDER_LINE_FIELDS += ["discount", "price_total"]
PROFILE_FIELDS = [
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "lang",
    "membership_state",
    "coop_no_reminders",
]


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """Everything the coop keeps about this member, as a dict of sections (the right of
        access and portability, GDPR art. 15 and 20). Read with sudo: the caller has checked
        that the member is the user's own. Addons add their sections by extending this."""
        self.ensure_one()
        member = self.commercial_partner_id.sudo()
        profile = member._coop_export_rows(member, PROFILE_FIELDS)[0]
        profile.update(
            coop_work_status=member.coop_work_status, coop_work_balance=member.coop_work_balance
        )
        return {
            "exported_on": self._coop_export_value(fields.Datetime.now()),
            "timezone": self._coop_tz(),
            "profile": profile,
            "memberships": self._coop_export_rows(
                member.member_lines,
                ["membership_id", "date_from", "date_to", "state", "member_price"]
                + ["coop_fee_bracket"],
            ),
            "volunteer_work": self._coop_export_rows(
                self.env["coop.work.entry"].sudo().search([("partner_id", "=", member.id)]),
                ["date", "hours", "kind", "name", "reason", "state"],
            ),
            "shift_registrations": self._coop_export_rows(
                self.env["coop.shift.registration"].sudo().search([("partner_id", "=", member.id)]),
                ["shift_id", "shift_start", "shift_end", "state"],
            ),
            "exemptions": self._coop_export_rows(
                self.env["coop.exemption"].sudo().search([("partner_id", "=", member.id)]),
                ["date_from", "date_to", "reason", "reduced_hours", "may_shop", "note"],
            ),
            "income_declarations": self._coop_export_rows(
                self.env["coop.income.declaration"].sudo().search([("partner_id", "=", member.id)]),
                ["date", "income", "household_shares", "date_end", "state", "note"]
                + ["fee_amount", "fee_bracket"],
            ),
            "orders": self._coop_export_orders(member),
            "erasure_requests": self._coop_export_rows(
                self.env["coop.erasure.request"].sudo().search([("partner_id", "=", member.id)]),
                ["date", "state", "refusal_reason", "date_done"],
            ),
        }

    def _coop_export_orders(self, member):
        """The member's orders (carts and cancelled ones included), each with its lines."""
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("partner_id", "child_of", member.id)], order="date_order desc, id desc")
        )
        rows = self._coop_export_rows(orders, self._coop_export_order_fields())
        for row, order in zip(rows, orders, strict=True):
            lines = order.order_line.filtered(lambda line: not line.display_type)
            row["lines"] = self._coop_export_rows(lines, ORDER_LINE_FIELDS)
        return rows

    def _coop_export_order_fields(self):
        """Hook: the fields of an order in the export."""
        return list(ORDER_FIELDS)

    def _coop_export_rows(self, records, field_names):
        """``records`` as a list of plain dicts: a link shows as the linked record's name, a
        time in the member's timezone (see ``_coop_export_value``)."""
        rows = []
        for values in records.read(field_names):
            values.pop("id", None)
            rows.append({name: self._coop_export_value(value) for name, value in values.items()})
        return rows

    def _coop_export_value(self, value):
        """A link as the linked record's name; a time (stored in UTC) as the member reads it:
        in their timezone (else the company's), with its offset ("2026-12-08T09:00:00+01:00")."""
        if isinstance(value, tuple):
            return value[1]
        if isinstance(value, datetime):
            return display_dates.to_local(value, self._coop_tz()).isoformat()
        return value

    def _coop_data_export_json(self):
        """The export as the bytes of a JSON file."""
        data = self._coop_data_export()
        return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
