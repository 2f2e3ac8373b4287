import json

from odoo import fields, models

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
            "exported_on": fields.Datetime.now(),
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
            "erasure_requests": self._coop_export_rows(
                self.env["coop.erasure.request"].sudo().search([("partner_id", "=", member.id)]),
                ["date", "state", "refusal_reason", "date_done"],
            ),
        }

    def _coop_export_rows(self, records, field_names):
        """``records`` as a list of plain dicts: a link shows as the linked record's name."""
        rows = []
        for values in records.read(field_names):
            values.pop("id", None)
            rows.append(
                {
                    name: value[1] if isinstance(value, tuple) else value
                    for name, value in values.items()
                }
            )
        return rows

    def _coop_data_export_json(self):
        """The export as the bytes of a JSON file."""
        data = self._coop_data_export()
        return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
