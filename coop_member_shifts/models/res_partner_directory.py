from odoo import models

PROFILE_EXPORT_FIELDS = ["published", "show_name", "show_photo", "show_neighbourhood"]
PROFILE_EXPORT_FIELDS += ["neighbourhood", "show_skills", "show_offer", "offer", "contactable"]
PROFILE_EXPORT_FIELDS += ["moderated"]


class ResPartner(models.Model):
    """The members' directory in a member's data: exported with it, erased with it."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """Adds the member's directory profile and messages. A message sent shows no
        recipient: the sender may never have been shown the recipient's name."""
        data = super()._coop_data_export()
        member = self.commercial_partner_id.sudo()
        Message = self.env["coop.directory.message"].sudo()
        data["directory_profile"] = self._coop_export_rows(
            self.env["coop.directory.profile"].sudo().search([("partner_id", "=", member.id)]),
            PROFILE_EXPORT_FIELDS,
        )
        data["directory_messages_sent"] = self._coop_export_rows(
            Message.search([("sender_id", "=", member.id)]), ["create_date", "body"]
        )
        data["directory_messages_received"] = self._coop_export_rows(
            Message.search([("recipient_id", "=", member.id)]),
            ["create_date", "sender_id", "body"],
        )
        return data

    def _coop_anonymise_one(self):
        self.env["coop.directory.profile"].sudo().search([("partner_id", "=", self.id)]).unlink()
        self.env["coop.directory.message"].sudo().search(
            ["|", ("sender_id", "=", self.id), ("recipient_id", "=", self.id)]
        ).unlink()
        return super()._coop_anonymise_one()
