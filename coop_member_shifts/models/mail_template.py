from odoo import SUPERUSER_ID, models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _coop_send_as_coop(self, res_id, company=None, email_values=None, **kwargs):
        """Send this template for the record ``res_id`` in the coop's name.

        Odoo lets the author of a ``mail.message``, and the user who created it, read it
        (``mail.message._check_access``); ``sudo()`` keeps both. A mail the coop sends for
        someone (a member's message to another, a visitor's confirmation link, an offer) is
        therefore created by the superuser with the company's partner as author: neither
        the member who caused it nor the public user can find or read it.
        """
        self.ensure_one()
        company = company or self.env.company
        values = {"author_id": company.partner_id.id, **(email_values or {})}
        return self.with_user(SUPERUSER_ID).send_mail(res_id, email_values=values, **kwargs)
