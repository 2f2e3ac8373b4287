# pylint: disable=consider-merging-classes-inherited
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import slot_rules
from .coop_standing_order import LEAD_DAYS


class CoopStandingOrder(models.Model):
    """The weekly run of the standing orders: one order per delivery, made before the cut-off
    on a free slot of the order's weekly slot, at today's prices, and an e-mail to the member."""

    _inherit = "coop.standing.order"

    @api.model
    def _cron_make_week_orders(self):
        """Each due standing order on its own: one that breaks is handed to the drive staff
        (an activity on it), the others get their order."""
        Standing = self.sudo()
        horizon = fields.Date.today() + timedelta(days=LEAD_DAYS + 1)
        due = Standing.search([("state", "in", ("active", "paused")), ("next_date", "<=", horizon)])
        self.env["coop.cron.step"]._run_each(
            due,
            lambda standing: standing._coop_run_week(),
            self.env._("Make the orders of the standing orders"),
            responsible=self.env["res.partner"]._coop_delivery_coordinator_user(),
        )

    def _coop_run_week(self):
        """Make (at most once) the order of the next delivery when it is due."""
        self.ensure_one()
        if not self._coop_lock():
            return
        today = self._coop_today()
        self._coop_catch_up(today)
        day = self.next_date
        if self.state == "stopped" or day > today + timedelta(days=LEAD_DAYS):
            return
        if self.state == "paused":
            if not self.pause_until or self.pause_until >= day:
                return self._coop_advance()
            self.write({"state": "active", "pause_until": False})
        if self.skip_date == day or self._coop_week_order(day):
            return self._coop_advance()
        if self._coop_is_closing_day(day):
            return self._coop_done(day, "closed")
        values, left_out = self._coop_week_lines()
        if not values:
            return self._coop_done(day, "empty", left_out=left_out)
        order = self.env["sale.order"].sudo().create(self._coop_prepare_order(day, values))
        if not self.partner_id.commercial_partner_id.sudo()._coop_may_shop():
            return self._coop_done(day, "held", order, left_out)
        slot = self._coop_book_free_slot(order, day)
        if not slot:
            self._coop_ask_drive_staff(order)
            return self._coop_done(day, "no_slot", order, left_out)
        order._coop_set_delivery_price()
        if self.payment_mode == "on_site":
            order.action_confirm()
        else:
            order.write(
                {
                    "state": "sent",
                    "require_payment": True,
                    "coop_payment_awaited_since": fields.Datetime.now(),
                }
            )
        return self._coop_done(day, "created", order, left_out)

    def _coop_lock(self):
        """Lock this standing order's row, so that two runs never make the same week; a row
        another run holds is left to it."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM coop_standing_order WHERE id = %s FOR UPDATE SKIP LOCKED",
                self.id,
            )
        )
        locked = bool(self.env.cr.fetchone())
        self.invalidate_recordset()
        return locked

    def _coop_catch_up(self, today):
        """A delivery day already past (the job did not run) moves to the next one ahead."""
        step = timedelta(weeks=self.interval_weeks)
        day = self.next_date
        while day < today:
            day += step
        if day != self.next_date:
            self.next_date = day

    def _coop_advance(self):
        values = {"next_date": self.next_date + timedelta(weeks=self.interval_weeks)}
        if self.skip_date and self.skip_date <= self.next_date:
            values["skip_date"] = False
        self.write(values)

    def _coop_done(self, day, outcome, order=None, left_out=()):
        """Record the week's outcome, tell the member, and move to the next delivery."""
        self.write(
            {
                "last_outcome": outcome,
                "last_order_id": order.id if order else False,
                "last_left_out": "\n".join(left_out) or False,
            }
        )
        if outcome == "held":
            order._coop_post_as_coop(company=self.company_id, body=self._coop_held_message())
        template = self.env.ref("coop_solidarity_delivery.mail_template_standing_order_week")
        sms_template = self.env.ref("coop_solidarity_delivery.sms_template_standing_order_week")
        self.partner_id._coop_reach(self, template, sms_template, company=self.company_id)
        self._coop_advance()

    def _coop_held_message(self):
        return self.env._(
            "This order is held: the membership of %s is suspended. It is not prepared until "
            "they are up to date with their volunteer hours and the order is confirmed.",
            self.partner_id.name,
        )

    def _coop_is_closing_day(self, day):
        return bool(
            self.env["coop.closing.day"]
            .sudo()
            .search_count(
                [
                    ("date", "=", day),
                    "|",
                    ("warehouse_id", "=", False),
                    ("warehouse_id", "=", self.warehouse_id.id),
                ],
                limit=1,
            )
        )

    def _coop_week_lines(self):
        """``(order line values, names of the products left out)``."""
        values, left_out = [], []
        labels = {
            "not_sold": self.env._("%s (no longer sold)"),
            "out_of_stock": self.env._("%s (out of stock)"),
        }
        for line in self.sudo().line_ids:
            problem = line._coop_unavailable(self.warehouse_id)
            if problem:
                left_out.append(labels[problem] % line.product_id.display_name)
                continue
            values.append(
                fields.Command.create(
                    {"product_id": line.product_id.id, "product_uom_qty": line.quantity}
                )
            )
        return values, left_out

    def _coop_prepare_order(self, day, lines):
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "carrier_id": self.carrier_id.id,
            "warehouse_id": self.warehouse_id.id,
            "coop_standing_order_id": self.id,
            "coop_standing_week": day,
            "origin": self.display_name,
            "order_line": lines,
            # The member's pages link to it: its token is made now, not by a read-only page.
            "access_token": str(uuid.uuid4()),
        }

    def _coop_book_free_slot(self, order, day):
        """The slot of ``day`` of the weekly slot, else the nearest free slot (before or
        after it) of the same day and method in the store, booked for ``order`` with the
        checkout's seat rules (``coop.slot._check_booking``); an empty recordset when
        none is free."""
        for slot in self._coop_candidate_slots(day):
            try:
                with self.env.cr.savepoint():
                    slot._check_booking(orders=order)
            except UserError:
                continue
            order.write({"coop_slot_id": slot.id, "commitment_date": slot.start})
            return slot
        return self.env["coop.slot"]

    def _coop_candidate_slots(self, day):
        rule = self.rule_id.sudo()
        start, end = slot_rules.local_day_bounds(day, rule.tz)
        slots = (
            self.env["coop.slot"]
            .sudo()
            .search(
                [
                    ("carrier_id", "=", self.carrier_id.id),
                    ("warehouse_id", "=", self.warehouse_id.id),
                    ("start", ">=", start),
                    ("start", "<", end),
                ],
                order="start, id",
            )
        )
        own = slots.filtered(lambda slot: slot.rule_id == rule)[:1]
        if own:
            wished = own.start
        else:
            wished = slot_rules.local_to_utc(day, rule.start_hour, rule.tz)
        # The nearest slot of the day first, before or after the wished one.
        return slots.sorted(lambda slot: (abs((slot.start - wished).total_seconds()), slot.id))

    def _coop_ask_drive_staff(self, order):
        user = self.env["res.partner"]._coop_delivery_coordinator_user()
        order._coop_schedule_todo(
            user,
            lambda env: (
                env._("Standing order without a free slot"),
                env._(
                    "No slot of %(day)s was free for the standing order of %(member)s: agree on "
                    "a slot with them, or cancel the order.",
                    day=user.partner_id._coop_day(order.coop_standing_week),
                    member=self.partner_id.name,
                ),
            ),
        )
