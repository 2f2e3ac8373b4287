"""Retention of beneficiaries' data: anonymised past a delay after their last request."""

from datetime import timedelta

from odoo import api, fields, models

RETENTION_PARAM = "coop_solidarity_delivery.beneficiary_retention_days"
DEFAULT_RETENTION_DAYS = 365
# Personal fields of a request, cleared with its messages when its beneficiary is anonymised.
REQUEST_PERSONAL_FIELDS = ("access_notes", "shopping_list", "failure_note")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # === BUSINESS METHODS ===#

    @api.model
    def _cron_coop_anonymise_beneficiaries(self):
        """Anonymise the beneficiaries whose last request is older than the retention delay
        set in Settings, one at a time: a failure goes to the delivery coordinator."""
        self.env["coop.cron.step"]._run_each(
            self._coop_stale_beneficiaries(),
            lambda partner: partner._coop_anonymise(),
            self.env._("Anonymisation of beneficiaries"),
            responsible=self._coop_delivery_coordinator_user(),
        )

    @api.model
    def _coop_stale_beneficiaries(self):
        """People who were beneficiaries (eligible, or approved once), whose last request was
        wished before the retention delay, and who no longer use the coop. Never a
        company, a supplier, a contact with a login, a sender whose request by e-mail was
        never accepted."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM) or 0)
        limit = fields.Date.context_today(self) - timedelta(days=days or DEFAULT_RETENTION_DAYS)
        Request = self.env["coop.delivery.request"].sudo().with_context(active_test=False)
        groups = Request._read_group([], ["beneficiary_id"], ["delivery_date:max"])
        candidates = self.sudo().browse(
            partner.id for partner, last_date in groups if last_date and last_date < limit
        )
        candidates = candidates.filtered(
            lambda p: (
                (p.coop_is_beneficiary or p.coop_eligibility_approved_date)
                and not p.coop_anonymised
                and not p.is_company
                and not p.supplier_rank
                and not p.with_context(active_test=False).user_ids
            )
        )
        return candidates - candidates._coop_still_uses_the_coop(limit)

    def _coop_anonymise_references(self, references):
        """A beneficiary's requests lose their personal fields and their messages."""
        requests = self.env["coop.delivery.request"].search([("beneficiary_id", "in", self.ids)])
        requests.write(dict.fromkeys(REQUEST_PERSONAL_FIELDS, False))
        recurrences = self.env["coop.delivery.recurrence"].search(
            [("beneficiary_id", "in", self.ids)]
        )
        recurrences.write({"access_notes": False, "shopping_list": False, "state": "paused"})
        for records in (requests, recurrences):
            self.env["mail.message"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()
            self.env["ir.attachment"].search(
                [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()
        return super()._coop_anonymise_references(references)

    def _coop_anonymised_values(self, replacement):
        return {
            **super()._coop_anonymised_values(replacement),
            "coop_is_beneficiary": False,
            "coop_beneficiary_reason": False,
            "coop_beneficiary_note": False,
            "coop_data_consent": False,
            "coop_data_consent_date": False,
            "coop_geo_state": "todo",
            "coop_geo_error": False,
        }
