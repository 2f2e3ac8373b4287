from odoo import models

STANDING_ORDER_FIELDS = ["display_name", "rule_id", "warehouse_id", "carrier_id"]
STANDING_ORDER_FIELDS += ["interval_weeks", "next_date", "state", "pause_until", "skip_date"]
STANDING_ORDER_FIELDS += ["payment_mode", "create_date"]
ORDER_DRIVE_FIELDS = ["carrier_id", "coop_slot_id", "coop_slot_start", "coop_drive_state"]
ORDER_DRIVE_FIELDS += ["coop_standing_order_id"]


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """The member's data export also holds their solidarity delivery requests (without
        the volunteers who handled them: that is the volunteers' data) and their volunteer
        sign-ups with the consent they gave."""
        data = super()._coop_data_export()
        member = self.commercial_partner_id
        requests = (
            self.env["coop.delivery.request"].sudo().search([("beneficiary_id", "=", member.id)])
        )
        data["delivery_requests"] = self._coop_export_rows(
            requests,
            ["name", "channel", "delivery_date", "state", "sale_order_id", "shopping_list"]
            + ["access_notes", "failure_reason", "failure_note"],
        )
        data["standing_orders"] = self._coop_export_standing_orders(member)
        data["volunteer_signups"] = self._coop_export_rows(
            member._coop_volunteer_signups(),
            ["create_date", "name", "email", "phone", "street", "zip", "city"]
            + ["consent_text", "consent_date", "state", "confirmed_date"],
        )
        return data

    def _coop_export_standing_orders(self, member):
        """The member's standing orders (stopped ones included), each with its products."""
        standing = (
            self.env["coop.standing.order"].sudo().search([("partner_id", "child_of", member.id)])
        )
        rows = self._coop_export_rows(standing, STANDING_ORDER_FIELDS)
        for row, order in zip(rows, standing, strict=True):
            row["lines"] = self._coop_export_rows(
                order.line_ids, ["product_id", "quantity", "uom_name", "price_unit"]
            )
        return rows

    def _coop_export_order_fields(self):
        """An order also says its drive slot and where it stands at the drive."""
        return super()._coop_export_order_fields() + ORDER_DRIVE_FIELDS

    def _coop_anonymise_one(self):
        """A sign-up keeps what the person typed and the consent they gave: erased with them."""
        self._coop_volunteer_signups().unlink()
        return super()._coop_anonymise_one()

    def _coop_volunteer_signups(self):
        """The sign-ups that name this person: confirmed into them, or sent with their e-mail."""
        domain = [("partner_id", "=", self.id)]
        if self.email_normalized:
            domain = ["|", *domain, ("email_normalized", "=", self.email_normalized)]
        return self.env["coop.volunteer.signup"].sudo().search(domain)
