from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.daily_rank import take_daily_rank
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
    sent_on = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today, help="The sender's day."
    )
    day_rank = fields.Integer(
        readonly=True,
        copy=False,
        help="The message's number among its sender's messages of the day (1 to 10): a unique "
        "index on (sender, day, number) holds the daily limit with messages sent at once.",
    )

    def init(self):
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS coop_directory_message_daily_rank
               ON coop_directory_message (sender_id, sent_on, day_rank)"""
        )

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
        message = self.sudo().create(
            {"sender_id": sender.id, "recipient_id": profile.partner_id.id, "body": text}
        )
        message._coop_take_daily_rank()
        template = self.env.ref("coop_member_shifts.mail_template_directory_message")
        # In the coop's name: the sender is neither author nor creator of the mail.
        template._coop_send_as_coop(message.id, email_layout_xmlid="mail.mail_notification_light")
        return message

    def _coop_take_daily_rank(self):
        """Give this new message the first free number of its sender's day, or refuse it
        (see ``tools.daily_rank``): with messages sent at once, exactly the limit goes
        through."""
        rank = take_daily_rank(self, "sender_id", DAILY_LIMIT)
        if rank is None:
            raise UserError(
                self.env._(
                    "You have sent %(limit)s messages today: write again tomorrow.",
                    limit=DAILY_LIMIT,
                )
            )
        return rank

    def _coop_sender_card_url(self):
        """The link to the sender's card when the sender is in the directory, else False."""
        self.ensure_one()
        Profile = self.env["coop.directory.profile"].sudo()
        domain = [("partner_id", "=", self.sender_id.id), *Profile._coop_member_domain()]
        profile = Profile.search(domain, limit=1)
        return profile and f"{self.get_base_url()}/my/directory/{profile.id}"
