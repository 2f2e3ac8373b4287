from odoo import SUPERUSER_ID, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _coop_post_as_coop(self, company=None, **kwargs):
        """Post on this record in the coop's name (see ``mail.template._coop_send_as_coop``):
        authored by the company's partner and created by the superuser, so that the user who
        caused the message does not become its author."""
        self.ensure_one()
        company = company or self.env.company
        kwargs.setdefault("author_id", company.partner_id.id)
        return self.with_user(SUPERUSER_ID).message_post(**kwargs)

    def _coop_schedule_todo(
        self, user, texts, once=False, activity_type="mail.mail_activity_data_todo"
    ):
        """Give ``user`` a to-do on this record that reads in their language, whoever caused it
        (a visitor, a cron): ``texts(env)`` returns (summary, note) translated with ``env``, an
        environment in that language. With ``once``, no to-do is added while one of the same
        summary is open. ``activity_type`` is the activity type's XML id (a to-do; a call for the
        call list)."""
        self.ensure_one()
        user = user or self.env.ref("base.user_admin")
        summary, note = texts(self.with_context(lang=user.lang or self.env.lang).env)
        if once and self.activity_ids.filtered(lambda activity: activity.summary == summary):
            return self.env["mail.activity"]
        return self.activity_schedule(
            activity_type, summary=summary, note=note or "", user_id=user.id
        )

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """What a visitor causes on the website (a sign-up, a request) is logged in the coop's
        name, not "by Public user"."""
        if (
            author_id is None
            and not email_from
            and self._name.startswith("coop.")
            and self.env.user._is_public()
        ):
            author = self.env.company.partner_id
            author_id, email_from = author.id, author.email_formatted
        return super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=raise_on_email
        )
