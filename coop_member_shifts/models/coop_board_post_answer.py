from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formataddr, html2plaintext, plaintext2html

ANSWER_MAX_LENGTH = 2000


class CoopBoardPost(models.Model):
    """Who posts on a board post, and the answers that the coop delivers to its author."""

    _inherit = "coop.board.post"  # pylint: disable=consider-merging-classes-inherited

    # === MESSAGES ===#

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """Odoo's mail routes open a post by the board's access only: no portal token or
        signed link lets someone who is not a member read or answer it."""
        post = self.browse(thread_id).exists()
        if post and post.sudo(False).has_access(mode) and post._coop_may_post():
            return post
        return self.browse()

    def _coop_may_post(self):
        """Whether the real user (whatever ``sudo``) may post on these posts: the system
        (the coop, the mail gateway, the crons), a coordinator, or a member who reads them."""
        if self.env.uid == SUPERUSER_ID or self._coop_is_coordinator():
            return True
        member = self.env.user.partner_id.commercial_partner_id.sudo()
        return member._coop_is_member() and self.sudo(False).has_access("read")

    def message_post(self, **kwargs):
        """Only members (and the coop) answer; answers go out from the coop's address: no
        member's e-mail is ever shown."""
        if not self._coop_may_post():
            raise AccessError(self.env._("Only the coop's members answer on the board."))
        if self._coop_is_an_answer(kwargs):
            # A member's answer in the chatter (Odoo's /mail/message/post): the coop delivers it.
            return self.sudo(False).action_coop_answer(html2plaintext(kwargs.get("body") or ""))
        if not kwargs.get("email_from") and kwargs.get("message_type") == "comment":
            company = self.company_id[:1] or self.env.company
            address = company.email or self.env["ir.mail_server"]._get_default_from_address()
            if address:
                author = self.env["res.partner"].browse(kwargs.get("author_id"))
                author = author or self.env.user.partner_id
                kwargs.update(author_id=author.id, email_from=formataddr((author.name, address)))
        return super().message_post(**kwargs)

    def _coop_is_an_answer(self, kwargs):
        """A comment of a member on someone else's post (not the system, not a coordinator)."""
        member = self.env.user.partner_id.commercial_partner_id
        return (
            kwargs.get("message_type", "notification") == "comment"
            and self.env.uid != SUPERUSER_ID
            and not self._coop_is_coordinator()
            and self.partner_id != member
        )

    # === ACTIONS ===#

    def action_coop_answer(self, text):
        """A member answers another's post: the coop delivers it to the author, in its own
        name and privately, so that the answering member cannot read the delivered message."""
        self.ensure_one()
        member = self.env.user.partner_id.commercial_partner_id
        if not self._coop_may_post() or self.partner_id == member:
            raise AccessError(self.env._("Only the coop's members answer on the board."))
        if self.state != "open" or self.hidden:
            raise UserError(self.env._("This post is closed: it takes no more answers."))
        text = (text or "").strip() if isinstance(text, str) else ""
        if not text or len(text) > ANSWER_MAX_LENGTH or "\x00" in text:
            raise UserError(
                self.env._("Write your answer in %s characters at most.", ANSWER_MAX_LENGTH)
            )
        # At most so many a day, counted before anything is sent.
        answer = self.env["coop.board.answer"]._coop_count_answer(self, member)
        post = self.sudo()
        company = post.company_id
        address = company.email or self.env["ir.mail_server"]._get_default_from_address()
        intro = self.env._(
            "%(name)s answers your post “%(title)s”:", name=member.name, title=post.name
        )
        message = post.with_user(SUPERUSER_ID).message_notify(
            partner_ids=post.partner_id.ids,
            author_id=company.partner_id.id,
            email_from=formataddr((company.name, address)) if address else None,
            subject=intro,
            body=plaintext2html(f"{intro}\n\n{text}"),
        )
        answer.message_id = message
        return message
