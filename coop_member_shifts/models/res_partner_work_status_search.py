from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import work_status
from .res_partner import WINDOW_MONTHS

# The rule of ``tools/work_status`` for the members without an exemption in the window, as
# one query: the months from the member's first month to the current one, the running
# balance of each (a window function), then the last balance and the months behind since
# the last completed month in credit. ``tools/work_status`` stays the rule the status shows
# and explains; ``TestWorkStatusSql`` checks that both agree.
STATUS_SQL = """
WITH member AS (%(members)s),
settings AS (
    SELECT id AS company_id, round(coop_monthly_hours * 4) / 4 AS required,
           coop_work_grace_months AS grace
      FROM res_company
),
exempted AS (
    SELECT DISTINCT partner_id AS id FROM coop_exemption
     WHERE date_to >= %(window)s AND partner_id IN (SELECT id FROM member)
),
done AS (
    SELECT partner_id, date_trunc('month', date)::date AS month, SUM(hours) AS hours
      FROM coop_work_entry
     WHERE state = 'validated' AND date >= %(window)s
       AND partner_id IN (SELECT id FROM member)
  GROUP BY partner_id, date_trunc('month', date)
),
span AS (
    SELECT m.id, s.required, s.grace,
           GREATEST(%(window)s, LEAST(
               date_trunc('month', COALESCE(m.create_date, %(now)s))::date,
               first_done.month)) AS first_month
      FROM member m
      JOIN settings s ON s.company_id = COALESCE(m.company_id, %(company)s)
      LEFT JOIN (SELECT partner_id, MIN(month) AS month FROM done GROUP BY partner_id)
             AS first_done ON first_done.partner_id = m.id
     WHERE m.id NOT IN (SELECT id FROM exempted)
),
monthly AS (
    SELECT span.id, span.required, span.grace, span.first_month, g.month,
           round(SUM(COALESCE(d.hours, 0)
                     - CASE WHEN g.month < %(current)s THEN span.required ELSE 0 END)
                 OVER (PARTITION BY span.id ORDER BY g.month)::numeric, 2) AS balance
      FROM span
      CROSS JOIN LATERAL (
          SELECT day::date AS month
            FROM generate_series(span.first_month::timestamp, %(current)s::timestamp,
                                 interval '1 month') AS day
      ) AS g
      LEFT JOIN done d ON d.partner_id = span.id AND d.month = g.month
),
member_status AS (
    SELECT id, required, grace,
           (array_agg(balance ORDER BY month DESC))[1] AS balance,
           GREATEST(MAX(month) FILTER (WHERE month < %(current)s AND balance >= 0)
                        + interval '1 month',
                    MIN(first_month))::date AS behind_since
      FROM monthly
  GROUP BY id, required, grace
)
SELECT id,
       CASE WHEN required = 0 THEN 'exempt'
            WHEN balance >= 0 THEN 'up_to_date'
            WHEN (EXTRACT(YEAR FROM %(current)s::date) * 12 + EXTRACT(MONTH FROM %(current)s::date))
               - (EXTRACT(YEAR FROM behind_since) * 12 + EXTRACT(MONTH FROM behind_since))
               > grace THEN 'suspended'
            ELSE 'behind' END,
       balance::float8, NULL::int, NULL::timestamp
  FROM member_status
UNION ALL
SELECT m.id, NULL, NULL, m.company_id, m.create_date
  FROM member m
 WHERE m.id IN (SELECT id FROM exempted)
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _search_coop_work_status(self, operator, value):
        """Members (paid, free or invoiced membership, a membership start imported, or work in
        the ledger) whose status matches: one query gives the status of every member without
        an exemption in the window (``STATUS_SQL``), the Python rule the others.

        The status is not stored on purpose: it changes with the date as much as with the
        ledger (a month ends, a grace period runs out, an exemption starts or ends on a given
        day), so a stored value would need every member recomputed each night and would be
        wrong between midnight and that cron, or after a change of the settings."""
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        wanted = {value} if isinstance(value, str) else set(value or ())
        statuses = self._coop_statuses_of_query(self._coop_members_query())
        matching = [pid for pid, status in statuses.items() if status in wanted]
        return [("id", "in" if operator in ("=", "in") else "not in", matching)]

    def _coop_members_query(self):
        """The members and the contacts with work in the ledger, as the user may search them:
        the ledger's index is probed for the other contacts only."""
        self.flush_model(["membership_state", "coop_member_since", "company_id"])
        self.env["coop.work.entry"].flush_model(["partner_id", "date", "hours", "state"])
        self.env["coop.exemption"].flush_model(["partner_id", "date_from", "date_to"])
        members = self._search([])
        members.add_where(
            SQL(
                """(%s IN ('paid', 'free', 'invoiced') OR %s IS NOT NULL OR (
                    SELECT TRUE FROM coop_work_entry WHERE partner_id = %s LIMIT 1))""",
                SQL.identifier("res_partner", "membership_state"),
                SQL.identifier("res_partner", "coop_member_since"),
                SQL.identifier("res_partner", "id"),
            )
        )
        return members

    def _coop_statuses_of_query(self, members):
        """{partner id: status} of the members of the query. Like a read of the field, a
        search uses the statuses already computed in this transaction, and keeps those it
        computes: the list and the count of a page, then its rows, compute them once."""
        cache, status_field = self.env.cache, self._fields["coop_work_status"]
        rows = self._coop_status_rows(members)
        cached = cache.get_records(self, status_field)
        statuses = {pid: status for pid, status, _balance in rows}
        statuses.update((partner.id, partner.coop_work_status) for partner in cached)
        computed = self.browse([pid for pid, _status, _balance in rows])
        cache.insert_missing(computed, status_field, [row[1] for row in rows])
        cache.insert_missing(computed, self._fields["coop_work_balance"], [row[2] for row in rows])
        return {pid: statuses[pid] for pid, _status, _balance in rows}

    def _coop_status_rows(self, members):
        """[(partner id, status, balance)] of the members of the query: in SQL for those
        without an exemption in the window, by ``tools/work_status`` for the others."""
        current = work_status.month_start(fields.Date.context_today(self))
        query = SQL(
            STATUS_SQL,
            members=members.select(
                SQL.identifier("res_partner", "id"),
                SQL.identifier("res_partner", "company_id"),
                SQL.identifier("res_partner", "create_date"),
            ),
            window=work_status.add_months(current, -WINDOW_MONTHS),
            current=current,
            now=fields.Datetime.now(),
            company=self.env.company.id,
        )
        rows, exempted = [], []
        for pid, status, balance, company_id, created in self.env.execute_query(query):
            if status:
                rows.append((pid, status, balance))
            else:
                exempted.append((pid, pid, company_id, created))
        if exempted:
            work = self._coop_work_by_key(exempted, partner_ids=[row[0] for row in exempted])
            rows += [(pid, status, balance) for pid, (status, balance, _l) in work.items()]
        return rows

    @api.model
    def _coop_statuses_by_rule(self, partner_ids):
        """{partner id: (status, balance)} by ``tools/work_status`` alone (the rule the status
        shows), to check the query against."""
        partners = self.browse(partner_ids)
        return {
            partner.id: (status, balance)
            for partner, (
                status,
                balance,
                _lines,
            ) in partners._coop_work_by_record().items()
        }
