from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import work_status
from .res_partner import WINDOW_MONTHS

# The rule of ``tools/work_status`` for the members without an exemption in the window, as
# one query over the window's ledger grouped by member and month (months as integers, year
# * 12 + month). The balance only rises in a month with work and falls by the requirement in
# every completed month, so the last completed month in credit follows from the months with
# work alone: from such a month, as many months as its balance covers, up to the next month
# with work. ``tools/work_status`` stays the rule the status shows and explains;
# ``TestWorkStatusSql`` checks that both agree.
STATUS_SQL = """
WITH member AS (%(members)s),
exempted AS (
    SELECT partner_id AS id FROM coop_exemption WHERE date_to >= %(window)s
),
done AS (
    SELECT partner_id, (date_part('year', date) * 12 + date_part('month', date))::int AS month,
           SUM(hours) AS hours
      FROM coop_work_entry
     WHERE state = 'validated' AND date >= %(window)s
  GROUP BY 1, 2
),
span AS (
    SELECT m.id, round(c.coop_monthly_hours * 4) / 4 AS required,
           c.coop_work_grace_months AS grace, COALESCE(w.hours, 0) AS hours,
           GREATEST(%(window_month)s, LEAST(
               (date_part('year', m.create_date) * 12
                + date_part('month', m.create_date))::int,
               w.month, %(current)s)) AS first_month
      FROM member m
      JOIN res_company c ON c.id = COALESCE(m.company_id, %(company)s)
      LEFT JOIN (SELECT partner_id, MIN(month) AS month, SUM(hours) AS hours
                   FROM done GROUP BY partner_id) w ON w.partner_id = m.id
     WHERE m.id NOT IN (SELECT id FROM exempted)
),
credit AS (
    SELECT id, MAX(LEAST(
               month + floor((balance + 0.005) / required)::int,
               COALESCE(next_month - 1, %(current)s - 1),
               %(current)s - 1)) AS last_month
      FROM (SELECT span.id, span.required, done.month,
                   LEAD(done.month) OVER w AS next_month,
                   SUM(done.hours) OVER w
                   - span.required * (done.month - span.first_month + 1) AS balance
              FROM span JOIN done ON done.partner_id = span.id
            WINDOW w AS (PARTITION BY span.id ORDER BY done.month)) AS monthly
     WHERE required > 0 AND month < %(current)s AND balance >= -0.005
  GROUP BY id
)
SELECT span.id,
       CASE WHEN required = 0 THEN 'exempt'
            WHEN balance >= 0 THEN 'up_to_date'
            WHEN %(current)s - GREATEST(credit.last_month + 1, first_month) > grace
            THEN 'suspended'
            ELSE 'behind' END,
       balance::float8, NULL::int, NULL::timestamp
  FROM (SELECT *, round((hours - required * (%(current)s - first_month))::numeric, 2)
                  AS balance
          FROM span) AS span
  LEFT JOIN credit ON credit.id = span.id
UNION ALL
SELECT m.id, NULL, NULL, m.company_id, m.create_date
  FROM member m
 WHERE m.id IN (SELECT id FROM exempted)
"""


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
        search uses the statuses already computed in this transaction (the ledger and the
        exemptions invalidate them) and keeps those it computes: the rows and the count of
        a list, then its records, compute them once."""
        cache, status_field = self.env.cache, self._fields["coop_work_status"]
        statuses = {}
        if cache.get_records(self, status_field):
            ids = [pid for (pid,) in self.env.execute_query(members.select("res_partner.id"))]
            missing = set(cache.get_missing_ids(self.browse(ids), status_field))
            statuses = {
                pid: cache.get(self.browse(pid), status_field) for pid in ids if pid not in missing
            }
            if not missing:
                return statuses
            members.add_where(SQL("res_partner.id = ANY(%s)", list(missing)))
        rows = self._coop_status_rows(members)
        computed = self.browse([pid for pid, _status, _balance in rows])
        cache.insert_missing(computed, status_field, [row[1] for row in rows])
        cache.insert_missing(computed, self._fields["coop_work_balance"], [row[2] for row in rows])
        statuses.update((pid, status) for pid, status, _balance in rows)
        return statuses

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
            window_month=current.year * 12 + current.month - WINDOW_MONTHS,
            current=current.year * 12 + current.month,
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
