import re

from odoo import SUPERUSER_ID, api, models

# Odoo 18's Dutch confirmation of an event registration puts the end of its sentence ("te
# bevestigen.") between a ``t-if`` and its ``t-else``: the template no longer compiles, the
# scheduler fails and a Dutch-speaking attendee gets no confirmation at all. The words move
# after the ``t-else``, where the sentence ends.
BROKEN_DUTCH_CONFIRMATION = re.compile(
    r'(</t>) te bevestigen\.(\s*<t t-else="">.*?</t>)\.', re.DOTALL
)


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

    @api.model
    def _coop_repair_event_translations(self):
        """Repair the Dutch of Odoo's event confirmation, wherever a Dutch is installed (a
        no-op once Odoo's own translation is right)."""
        template = self.env.ref("event.event_subscription", raise_if_not_found=False)
        dutch = [code for code, _name in self.env["res.lang"].get_installed() if code[:2] == "nl"]
        if not template or not dutch:
            return
        translations, _context = template.get_field_translations("body_html", dutch)
        repairs = {}
        for entry in translations:
            # As plain text: substituting into Markup would escape the moved tags.
            value = str(entry["value"] or "")
            repaired = BROKEN_DUTCH_CONFIRMATION.sub(r"\1\2 te bevestigen.", value)
            if repaired != value:
                repairs[entry["lang"]] = repaired
        if repairs:
            template.update_field_translations("body_html", repairs)
