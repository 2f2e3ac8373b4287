from collections import defaultdict

from markupsafe import Markup, escape

from odoo import _, api, fields, models

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
        string="Month by Month", compute="_compute_coop_work_status", sanitize=False
    )
    coop_exemption_ids = fields.One2many("coop.exemption", "partner_id", string="Exemptions")
    coop_no_reminders = fields.Boolean(
        string="No Coop Reminders",
        help="The member asked not to receive shift reminders and notices about their hours.",
    )

    def _compute_coop_work_status(self):
        """Status, balance and the month-by-month table, from the ledger and the exemptions,
        in two queries for any number of members."""
        today = fields.Date.context_today(self)
        first_month = work_status.add_months(work_status.month_start(today), -WINDOW_MONTHS)
        months = work_status.months_between(first_month, today)
        done = self._coop_done_by_month(first_month)
        exemptions = self._coop_exemptions_by_partner(first_month)
        for partner in self:
            company = partner.company_id or self.env.company
            partner_done = done.get(partner._origin.id, {})
            # A member owes hours from the month they joined (or first worked, if earlier).
            joined = work_status.month_start((partner.create_date or fields.Datetime.now()).date())
            start = max(first_month, min([joined, *partner_done]))
            member_months = [month for month in months if month >= start]
            partner_exemptions = exemptions.get(partner._origin.id, [])
            lines = work_status.month_lines(
                member_months,
                company.coop_monthly_hours,
                partner_exemptions,
                partner_done,
                today,
            )
            current = work_status.required_hours(
                work_status.month_start(today), company.coop_monthly_hours, partner_exemptions
            )
            partner.coop_work_status = work_status.status(
                lines, company.coop_work_grace_months, today, current
            )
            partner.coop_work_balance = lines[-1].balance if lines else 0.0
            partner.coop_work_months_html = partner._coop_months_table(lines)

    def _search_coop_work_status(self, operator, value):
        """Members (paid or free membership, or with work in the ledger) whose status matches."""
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        wanted = {value} if isinstance(value, str) else set(value or ())
        ledger_partners = self.env["coop.work.entry"].sudo()._read_group([], ["partner_id"])
        members = self.search(
            [
                "|",
                "|",
                ("membership_state", "in", ("paid", "free", "invoiced")),
                ("coop_member_since", "!=", False),
                ("id", "in", [partner.id for (partner,) in ledger_partners]),
            ]
        )
        matching = members.filtered(lambda partner: partner.coop_work_status in wanted)
        positive = operator in ("=", "in")
        return [("id", "in" if positive else "not in", matching.ids)]

    def _coop_done_by_month(self, since):
        groups = (
            self.env["coop.work.entry"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self._origin.ids),
                    ("state", "=", "validated"),
                    ("date", ">=", since),
                ],
                ["partner_id", "date:month"],
                ["hours:sum"],
            )
        )
        done = defaultdict(dict)
        for partner, month, hours in groups:
            done[partner.id][month.date() if hasattr(month, "date") else month] = hours
        return done

    def _coop_exemptions_by_partner(self, since):
        exemptions = defaultdict(list)
        records = (
            self.env["coop.exemption"]
            .sudo()
            .search_fetch(
                [("partner_id", "in", self._origin.ids), ("date_to", ">=", since)],
                ["partner_id", "date_from", "date_to", "reduced_hours"],
            )
        )
        for record in records:
            exemptions[record.partner_id.id].append(
                work_status.Exemption(record.date_from, record.date_to, record.reduced_hours)
            )
        return exemptions

    def _coop_months_table(self, lines):
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
        head = Markup(
            "<table class='table table-sm o_coop_work_months'><thead><tr><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr></thead><tbody>"
        ) % (escape(_("Month")), escape(_("Required")), escape(_("Done")), escape(_("Balance")))
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
        on the member. Returns the members notified."""
        behind = self.search(
            [
                ("coop_work_status", "in", ("behind", "suspended")),
                ("coop_no_reminders", "=", False),
                ("email", "!=", False),
            ]
        )
        template = self.env.ref("coop_member_shifts.mail_template_work_behind")
        failed = self.env["coop.cron.step"]._run_each(
            behind,
            lambda partner: template.send_mail(
                partner.id, email_layout_xmlid="mail.mail_notification_light"
            ),
            _("Notice to members behind on their hours"),
            responsible=self.env["coop.shift"]._coordinator_user(),
        )
        return behind - failed
