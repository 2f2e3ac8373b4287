# pylint: disable=consider-merging-classes-inherited
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.coopcycle_client import CoopCycleError

_logger = logging.getLogger(__name__)
STAFF = "coop_member_shifts.group_coop_shop_staff"
SEND_CRON = "coop_solidarity_delivery.ir_cron_coop_courier_send"
# Orders sent by one run of the job (it triggers itself again when more are waiting).
BATCH = 20
# After an answer that leaves it unknown whether CoopCycle created the delivery (a timeout, a
# server error), wait before looking it up and trying again: the service may still create it.
AMBIGUOUS_WAIT = timedelta(minutes=2)
# Failed attempts before a person is asked to look (the job still tries in the meantime).
MAX_ATTEMPTS = 3
# Failures a person must solve: trying again alone would fail the same way.
NEEDS_PERSON = ("credentials", "refused")


class SaleOrder(models.Model):
    """Courier deliveries exactly once. The confirmation only queues the order; a job sends
    it after the confirmation is committed (a confirmation rolled back leaves nothing at
    CoopCycle). Before creating, the job looks the order's key up in the store's deliveries,
    so that a delivery created by an attempt whose answer was lost is found, not doubled."""

    _inherit = "sale.order"

    def action_confirm(self):
        """Confirmed orders with the courier method are queued for the couriers."""
        res = super().action_confirm()
        orders = self.sudo().filtered(
            lambda o: (
                o.state == "sale"
                and o.carrier_id.delivery_type == "coopcycle"
                and not o.coop_courier_ref
                and o.coop_courier_state != "queued"
            )
        )
        for order in orders:
            order._coop_courier_queue(order.carrier_id)
        return res

    def action_coop_courier_retry(self):
        """Queue again the orders whose courier delivery failed to be created."""
        if not self.env.user.has_group(STAFF):
            raise UserError(self.env._("Only the drive staff can send an order to the couriers."))
        for order in self:
            if order.coop_courier_state != "to_retry":
                raise UserError(
                    self.env._("%s is not waiting to be sent to the couriers.", order.name)
                )
        for order in self.sudo():
            order._coop_courier_queue(order.coop_courier_carrier_id or order.carrier_id)
        return True

    # === BUSINESS METHODS ===#

    def _coop_courier_queue(self, carrier):
        """Queue this order for the couriers of ``carrier``, sent by the job once this
        transaction is committed; without the member's consent, nothing is queued."""
        self.ensure_one()
        values = {"coop_courier_carrier_id": carrier.id}
        if not self.coop_courier_key:
            values["coop_courier_key"] = self._coop_courier_new_key()
        self.write(values)
        if not self.coop_courier_consent:
            return self._coop_courier_to_retry(
                self.env._(
                    "The member has not agreed yet that their address and phone are given to "
                    "the couriers: ask them, tick 'Courier Consent', then retry."
                )
            )
        self.write(
            {
                "coop_courier_state": "queued",
                "coop_courier_attempts": 0,
                "coop_courier_next_try": False,
            }
        )
        self.env.ref(SEND_CRON).sudo()._trigger()
        return True

    def _coop_courier_new_key(self):
        """The order's reference and id, and the database's uuid: unique across the coops
        sharing one CoopCycle store."""
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return f"{self.name}/{self.id}@{uuid}"

    @api.model
    def _cron_coop_courier_send(self):
        """Send the queued orders (and those to retry whose turn has come), one savepoint
        each. The rows are taken ``FOR UPDATE SKIP LOCKED``: two runs at once (or a run and
        a retry) never send the same order; a run whose snapshot is older than an order sent
        meanwhile fails to serialize and is run again by Odoo."""
        self.flush_model(["state", "coop_courier_state", "coop_courier_next_try"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM sale_order
                    WHERE state = 'sale'
                      AND (coop_courier_state = 'queued' AND coop_courier_next_try IS NULL
                           OR coop_courier_state IN ('queued', 'to_retry')
                              AND coop_courier_next_try <= %s)
                 ORDER BY coop_courier_next_try NULLS FIRST, id
                    LIMIT %s
                      FOR UPDATE SKIP LOCKED""",
                fields.Datetime.now(),
                BATCH + 1,
            ),
            log_exceptions=False,
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for order in self.sudo().browse(ids[:BATCH]):
            try:
                with self.env.cr.savepoint():
                    order._coop_courier_send()
            except Exception as error:  # noqa: BLE001 - one bad order must not stop the others
                _logger.warning("Courier delivery of %s not sent: %s", order.name, error)
                order._coop_courier_failed(str(error) or type(error).__name__)
        if len(ids) > BATCH:
            self.env.ref(SEND_CRON).sudo()._trigger()

    def _coop_courier_send(self):
        """Find or create the CoopCycle delivery of this order; True when it has one."""
        self.ensure_one()
        carrier = self.coop_courier_carrier_id or self.carrier_id
        try:
            payload = self._coop_courier_payload()
            client = carrier._coopcycle_client()
            delivery = client.find_delivery(self.coop_courier_key)
            found = bool(delivery)
            if not found:
                delivery = client.create_delivery(payload, key=self.coop_courier_key)
        except UserError as error:
            return self._coop_courier_to_retry(str(error.args[0]))
        except CoopCycleError as error:
            _logger.info("CoopCycle delivery not created for %s: %s", self.name, error)
            message = carrier._coopcycle_error_message(error)
            if error.kind in NEEDS_PERSON:
                return self._coop_courier_to_retry(message)
            return self._coop_courier_failed(message, ambiguous=True)
        self.write(
            {
                "coop_courier_state": "sent",
                "coop_courier_ref": delivery["ref"],
                "coop_courier_id": delivery["id"],
                "coop_courier_tracking_url": delivery["tracking_url"],
                "coop_courier_error": False,
                "coop_courier_next_try": False,
            }
        )
        body = (
            self.env._("Courier delivery %s found in CoopCycle (made by an earlier try).")
            if found
            else self.env._("Courier delivery %s created in CoopCycle.")
        )
        self.message_post(body=body % delivery["id"], message_type="notification")
        return True

    def _coop_courier_failed(self, reason, ambiguous=False):
        """One more failed attempt: tried again later (after ``AMBIGUOUS_WAIT`` when the
        delivery may have been created), handed to a person after ``MAX_ATTEMPTS``."""
        attempts = self.coop_courier_attempts + 1
        if attempts >= MAX_ATTEMPTS or self.coop_courier_state == "to_retry":
            self.coop_courier_attempts = attempts
            return self._coop_courier_to_retry(reason)
        wait = AMBIGUOUS_WAIT if ambiguous else AMBIGUOUS_WAIT * attempts
        self.write(
            {
                "coop_courier_attempts": attempts,
                "coop_courier_error": reason[:500],
                "coop_courier_next_try": fields.Datetime.now() + wait,
            }
        )
        return False

    def _coop_courier_to_retry(self, reason):
        """Hand the order to a person; the same failure again (the retry job) is not posted
        twice."""
        reason = reason[:500]
        if self.coop_courier_state == "to_retry" and self.coop_courier_error == reason:
            return False
        self.write(
            {
                "coop_courier_state": "to_retry",
                "coop_courier_error": reason,
                "coop_courier_next_try": False,
            }
        )
        self.message_post(
            body=self.env._("The order is kept; its courier delivery is to retry: %s", reason),
            message_type="notification",
        )
        self._coop_courier_activity(lambda env: reason)
        return False

    @api.model
    def _cron_coop_courier_retry(self):
        """Try again the orders to retry (they stay to retry when they fail again).

        Not past their slot: a delivery asked for a window already gone would be late, so
        such an order stays to retry with its activity, for the drive staff to agree a new
        slot with the member."""
        orders = self.sudo().search(
            [
                ("state", "=", "sale"),
                ("coop_courier_state", "=", "to_retry"),
                ("coop_courier_consent", "=", True),
                "|",
                ("coop_slot_id", "=", False),
                ("coop_slot_id.end", ">", fields.Datetime.now()),
            ]
        )
        orders.write({"coop_courier_next_try": fields.Datetime.now()})
        self._cron_coop_courier_send()
