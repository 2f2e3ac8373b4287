"""A member's call-back requests, found by the member's phone numbers: in the member's data
export, and deleted when the member is erased (a call-back holds a name and a number)."""

from odoo import models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_callback_requests(self):
        """The call-back requests made with this contact's phone or mobile."""
        Callback = self.env["coop.callback.request"].sudo()
        phones = set()
        for number in filter(None, (self.phone, self.mobile)):
            try:
                phones.add(Callback._coop_format_phone(number))
            except ValidationError:
                continue
        if not phones:
            return Callback
        return Callback.search([("phone", "in", list(phones))])

    def _coop_data_export(self):
        data = super()._coop_data_export()
        data["callback_requests"] = self._coop_export_rows(
            self.commercial_partner_id._coop_callback_requests(),
            ["create_date", "name", "phone", "call_time", "topic", "lang", "consent_text"]
            + ["state"],
        )
        return data

    def _coop_erasure_close_open(self):
        closed = super()._coop_erasure_close_open()
        callbacks = self.sudo()._coop_callback_requests()
        if callbacks:
            callbacks.unlink()
            closed.append(self.env._("Call-back requests deleted: %s", len(callbacks)))
        return closed
