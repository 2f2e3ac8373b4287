from collections import defaultdict

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import work_status

WINDOW_MONTHS = 12
STATUSES = [
    (work_status.UP_TO_DATE, "Up to date"),
    (work_status.BEHIND, "Behind"),
    (work_status.SUSPENDED, "Suspended"),
    (work_status.EXEMPT, "Exempt"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_work_status = fields.Selection(
        STATUSES,
        string="Work Status",
        compute="_compute_coop_work_status",
        search="_search_coop_work_status",
    )
    coop_work_balance = fields.Float(string="Work Balance (h)", compute="_compute_coop_work_status")
    coop_work_months_html = fields.Html(
        string="Month by Month", compute="_compute_coop_work_months_html", sanitize=False
    )
    coop_exemption_ids = fields.One2many("coop.exemption", "partner_id", string="Exemptions")
    coop_no_reminders = fields.Boolean(
        string="No Coop Reminders",
        help="The member asked not to receive shift reminders and notices about their hours.",
    )
    coop_behind_notice_date = fields.Date(
        string="Last Notice of Hours Behind",
        readonly=True,
        copy=False,
        help="When the member was last told by e-mail that they are behind on their hours: "
        "one notice a month, however often the job runs.",
    )

    def _compute_coop_work_status(self):
        """Status and balance, from the ledger and the exemptions, in a few queries for any
        number of members (the month-by-month table is left to the views that show it)."""
        work = self._coop_work_by_record()
        by_status, by_balance = defaultdict(list), defaultdict(list)
        for partner in self:
            status, balance, _lines = work[partner]
            by_status[status].append(partner.id)
            by_balance[balance].append(partner.id)
        # One assignment per distinct value rather than two per member.
        for status, ids in by_status.items():
            self.browse(ids).coop_work_status = status
        for balance, ids in by_balance.items():
            self.browse(ids).coop_work_balance = balance

    def _compute_coop_work_months_html(self):
        """The month-by-month table that explains the status: only the contact's form, the
        portal and the work statement read it, never a status search or a list."""
        work = self._coop_work_by_record(lines=True)
        head = self._coop_months_table_head()
        for partner in self:
            partner.coop_work_months_html = partner._coop_months_table(work[partner][2], head)

    def _coop_work_by_record(self, lines=False):
        """{record: (status, balance, month lines if ``lines``)} for the records of ``self``,
        new ones included."""
        self._origin.fetch(["create_date", "company_id"])  # these two, not the whole contact
        rows = [
            (partner, partner._origin.id, partner.company_id.id, partner.create_date)
            for partner in self
        ]
        return self._coop_work_by_key(rows, partner_ids=self._origin.ids, lines=lines)

    @api.model
    def _coop_work_by_key(self, rows, partner_ids, lines=False):
        """{key: (status, balance, month lines if ``lines``)} for rows of (key, partner id,
        company id, creation date); the ledger and the exemptions are read for
        ``partner_ids``, or for everyone when it is None (a status search needs them all)."""
        today = fields.Date.context_today(self)
        window = work_status.months_between(
            work_status.add_months(work_status.month_start(today), -WINDOW_MONTHS), today
        )
        done = self._coop_done_by_month(window[0], partner_ids)
        exemptions = self._coop_exemptions_by_partner(window[0], partner_ids)
        settings = self._coop_work_settings({row[2] for row in rows})
        result, now = {}, fields.Datetime.now()
        for key, partner_id, company_id, created in rows:
            monthly_hours, grace_months = settings[company_id]
            result[key] = work_status.member_status(
                window,
                work_status.month_start((created or now).date()),
                monthly_hours,
                grace_months,
                exemptions.get(partner_id, ()),
                done.get(partner_id, {}),
                today,
                lines=lines,
            )
        return result

    @api.model
    def _coop_work_settings(self, company_ids):
        """{company id: (monthly hours, grace months)}; a contact without a company follows
        the current one."""
        settings = {}
        for company_id in company_ids:
            company = self.env["res.company"].sudo().browse(company_id) or self.env.company
            settings[company_id] = (company.coop_monthly_hours, company.coop_work_grace_months)
        return settings

    @api.model
    def _coop_done_by_month(self, since, partner_ids=None):
        """{partner id: {month: validated hours}} since ``since``, grouped in SQL by member
        and month, then one row a member: building a record, or even a Python row, per
        (member, month) group would cost more than the grouping itself."""
        self.env["coop.work.entry"].flush_model(["partner_id", "date", "hours", "state"])
        self.env.cr.execute(
            SQL(
                """SELECT partner_id, array_agg(month), array_agg(hours)
                     FROM (SELECT partner_id, date_trunc('month', date)::date AS month,
                                  SUM(hours) AS hours
                             FROM coop_work_entry
                            WHERE state = 'validated' AND date >= %s %s
                         GROUP BY partner_id, date_trunc('month', date)) AS monthly
                 GROUP BY partner_id""",
                since,
                SQL("AND partner_id = ANY(%s)", partner_ids) if partner_ids is not None else SQL(),
            )
        )
        return {
            partner_id: dict(zip(months, hours, strict=True))
            for partner_id, months, hours in self.env.cr.fetchall()
        }

    @api.model
    def _coop_exemptions_by_partner(self, since, partner_ids=None):
        domain = [("date_to", ">=", since)]
        if partner_ids is not None:
            domain.append(("partner_id", "in", partner_ids))
        exemptions = defaultdict(list)
        records = (
            self.env["coop.exemption"]
            .sudo()
            .search_fetch(domain, ["partner_id", "date_from", "date_to", "reduced_hours"])
        )
        for record in records:
            exemptions[record.partner_id.id].append(
                work_status.Exemption(record.date_from, record.date_to, record.reduced_hours)
            )
        return exemptions

    def _coop_months_table_head(self):
        return Markup(
            "<table class='table table-sm o_coop_work_months'><thead><tr><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr></thead><tbody>"
        ) % (escape(_("Month")), escape(_("Required")), escape(_("Done")), escape(_("Balance")))

    def _coop_months_table(self, lines, head):
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            )
            % (
                self._coop_month(line.month),
                self._coop_hours(line.required),
                self._coop_hours(line.done),
                self._coop_hours(line.balance),
            )
            for line in reversed(lines)
        )
        return head + rows + Markup("</tbody></table>")

    def _coop_may_shop(self):
        """A suspended member may not shop, unless an exemption of today allows it."""
        self.ensure_one()
        if self.coop_work_status != work_status.SUSPENDED:
            return True
        today = fields.Date.context_today(self)
        return any(
            e.may_shop and e.date_from <= today <= e.date_to for e in self.coop_exemption_ids
        )

    def _coop_checkout_alert(self):
        """(blocking, title, message) for the web shop's checkout, or None when the member's
        work is in order or the coop chose to say nothing (Settings)."""
        self.ensure_one()
        member = self.commercial_partner_id.sudo()
        mode = (member.company_id or self.env.company).coop_checkout_status_mode
        status = member.coop_work_status
        if mode == "none" or status not in (work_status.BEHIND, work_status.SUSPENDED):
            return None
        if mode == "block" and status == work_status.SUSPENDED and not member._coop_may_shop():
            return (
                True,
                _("Your membership is suspended"),
                _(
                    "You are behind on your volunteer hours: sign up for a shift or contact the "
                    "coop to shop again."
                ),
            )
        return (
            False,
            _("You are behind on your volunteer hours"),
            _(
                "Your balance is %s: sign up for a shift soon.",
                member._coop_hours(member.coop_work_balance),
            ),
        )

    def _coop_statement_entries(self, months=3):
        """Validated work of the last months, for the member's statement."""
        self.ensure_one()
        since = work_status.add_months(
            work_status.month_start(fields.Date.context_today(self)), -months
        )
        return (
            self.env["coop.work.entry"]
            .sudo()
            .search(
                [("partner_id", "=", self.id), ("state", "=", "validated"), ("date", ">=", since)],
                order="date desc",
            )
        )

    def action_coop_open_work(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_member_shifts.coop_work_entry_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def _cron_coop_notify_members_behind(self):
        """Once a month, tell the members behind (or suspended) where they stand, member by
        member: a notice that cannot be written becomes an activity of a shift coordinator
        on the member. A member already told this month is not told again (the job run by
        hand, or again after a restart). Returns the members notified."""
        today = fields.Date.context_today(self)
        behind = self.search(
            [
                ("coop_work_status", "in", ("behind", "suspended")),
                ("coop_no_reminders", "=", False),
                ("email", "!=", False),
                "|",
                ("coop_behind_notice_date", "=", False),
                ("coop_behind_notice_date", "<", today.replace(day=1)),
            ]
        )
        template = self.env.ref("coop_member_shifts.mail_template_work_behind")

        def notify(partner):
            template.send_mail(partner.id, email_layout_xmlid="mail.mail_notification_light")
            partner.coop_behind_notice_date = today

        failed = self.env["coop.cron.step"]._run_each(
            behind,
            notify,
            _("Notice to members behind on their hours"),
            responsible=self.env["coop.shift"]._coordinator_user(),
        )
        return behind - failed
