from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coop_member_shifts.tools import display_dates


class CoopDeliveryStats(models.Model):
    """Solidarity deliveries month by month: how many requests found a volunteer, and how
    fast. A median cannot be aggregated from averages, so it is computed here, per month."""

    _name = "coop.delivery.stats"
    _description = "Solidarity Delivery Statistics"
    _order = "month desc"
    _auto = False

    month = fields.Date(string="First Day of the Month", readonly=True)
    month_label = fields.Char(string="Month", compute="_compute_month_label")
    company_id = fields.Many2one("res.company", readonly=True)
    request_count = fields.Integer(string="Requests", readonly=True)
    matched_count = fields.Integer(string="Matched", readonly=True)
    match_rate = fields.Float(string="Match Rate (%)", readonly=True, aggregator=None)
    median_hours_to_match = fields.Float(
        string="Median Time to Match (hours)", readonly=True, aggregator=None
    )
    delivered_count = fields.Integer(string="Delivered", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    volunteer_count = fields.Integer(
        string="Volunteers Who Delivered", readonly=True, aggregator=None
    )

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        """ "décembre 2026", not "01/12/2026"."""
        for stats in self:
            stats.month_label = (
                display_dates.format_month(stats.month, self.env.lang) if stats.month else ""
            )

    @property
    def _table_query(self):
        """Requests cancelled before a match are left out: nobody had to be found for them."""
        return SQL(
            """
            SELECT MIN(r.id) AS id,
                   date_trunc('month', r.delivery_date)::date AS month,
                   r.company_id,
                   COUNT(*) AS request_count,
                   COUNT(r.date_assigned) AS matched_count,
                   ROUND(100.0 * COUNT(r.date_assigned) / COUNT(*), 1) AS match_rate,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY r.hours_to_match)
                       FILTER (WHERE r.date_assigned IS NOT NULL
                               AND r.date_searching IS NOT NULL) AS median_hours_to_match,
                   COUNT(*) FILTER (WHERE r.state = 'delivered') AS delivered_count,
                   COUNT(*) FILTER (WHERE r.state = 'failed') AS failed_count,
                   COUNT(DISTINCT r.deliverer_id)
                       FILTER (WHERE r.state = 'delivered') AS volunteer_count
              FROM coop_delivery_request r
             WHERE r.state != 'cancelled' OR r.date_assigned IS NOT NULL
          GROUP BY 2, 3
            """
        )
