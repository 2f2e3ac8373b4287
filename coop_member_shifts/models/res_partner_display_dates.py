"""Dates and hours as a member reads them, for the portal, the website and the e-mails."""

from datetime import datetime

from odoo import fields, models

from ..tools import display_dates

DEFAULT_TZ = "Europe/Paris"


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_tz(self, fallback=None):
        """The member's timezone (a mere UTC default does not count: see
        ``display_dates.reading_tz``); else ``fallback`` (a store's), else the company's (the
        one shifts are generated in)."""
        partner = self[:1].sudo()
        company = partner.company_id or self.env.company
        return display_dates.reading_tz(
            partner.tz, fallback, company.partner_id.sudo().tz, DEFAULT_TZ
        )

    def _coop_lang(self):
        """The language of the page or e-mail being rendered, else the member's."""
        return self.env.lang or self[:1].lang or display_dates.DEFAULT_LANG

    def _coop_today(self, tz):
        return display_dates.today_in(tz, fields.Datetime.now())

    def _coop_when(self, start, end=None, tz=None):
        """ "samedi 5 décembre, 9 h – 12 h" for naive UTC datetimes (``end`` optional), in
        the member's timezone (``tz``: the store's, used when the member has none)."""
        if not start:
            return ""
        tz = self._coop_tz(tz)
        local_end = display_dates.to_local(end, tz) if end else None
        return display_dates.format_range(
            display_dates.to_local(start, tz), local_end, self._coop_lang(), self._coop_today(tz)
        )

    def _coop_day(self, day):
        """ "samedi 5 décembre" for a date, or the member's local day of a naive UTC datetime
        (the year when it is not this year)."""
        if not day:
            return ""
        tz = self._coop_tz()
        if isinstance(day, datetime):
            day = display_dates.to_local(day, tz)
        return display_dates.format_day(day, self._coop_lang(), self._coop_today(tz))

    def _coop_month(self, month):
        """ "novembre 2026"."""
        return display_dates.format_month(month, self._coop_lang()) if month else ""

    def _coop_hours(self, hours):
        """ "1 h 30"."""
        return display_dates.format_hours(hours)
