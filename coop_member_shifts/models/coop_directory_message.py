from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.form_values import clean_text

MESSAGE_LIMIT = 2000
DAILY_LIMIT = 10


class CoopDirectoryMessage(models.Model):
    """A member's message to another member, sent by the coop: neither sees the other's
    e-mail address. Kept for the rate limit and for coordinators who handle a complaint;
    members never read these records, only the e-mail the recipient gets."""

    _name = "coop.directory.message"
    _description = "Message Between Members"
    _order = "create_date desc, id desc"
    _rec_name = "sender_id"

    sender_id = fields.Many2one("res.partner", string="From", required=True, ondelete="cascade")
    recipient_id = fields.Many2one("res.partner", string="To", required=True, ondelete="cascade")
    body = fields.Text(string="Message", required=True)

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_send(self, profile_id, body):
        """Send ``body`` from the logged-in member to the member of the directory profile
        ``profile_id``; UserError when it cannot go (the text is kept by the caller)."""
        Profile = self.env["coop.directory.profile"]
        sender = Profile._coop_viewer()
        profile = Profile._coop_visible_profile(profile_id)
        if not profile or not profile.contactable:
            raise UserError(self.env._("This member cannot be contacted through the coop."))
        if profile.partner_id == sender:
            raise UserError(self.env._("This is your own profile."))
        text = clean_text(body, MESSAGE_LIMIT)
        if text is None:
            raise UserError(self.env._("Write at most %(limit)s characters.", limit=MESSAGE_LIMIT))
        if not text:
            raise UserError(self.env._("Write a message first."))
        since = fields.Datetime.now() - timedelta(days=1)
        sent = self.sudo().search_count(
            [("sender_id", "=", sender.id), ("create_date", ">=", since)]
        )
        if sent >= DAILY_LIMIT:
            raise UserError(
                self.env._(
                    "You have sent %(limit)s messages in the last 24 hours: write again tomorrow.",
                    limit=DAILY_LIMIT,
                )
            )
        message = self.sudo().create(
            {"sender_id": sender.id, "recipient_id": profile.partner_id.id, "body": text}
        )
        template = self.env.ref("coop_member_shifts.mail_template_directory_message")
        template.sudo().send_mail(message.id, email_layout_xmlid="mail.mail_notification_light")
        return message

    def _coop_sender_card_url(self):
        """The link to the sender's card when the sender is in the directory, else False."""
        self.ensure_one()
        Profile = self.env["coop.directory.profile"].sudo()
        domain = [("partner_id", "=", self.sender_id.id), *Profile._coop_member_domain()]
        profile = Profile.search(domain, limit=1)
        return profile and f"{self.get_base_url()}/my/directory/{profile.id}"
