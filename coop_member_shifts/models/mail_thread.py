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
