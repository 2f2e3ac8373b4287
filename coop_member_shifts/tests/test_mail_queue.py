"""E-mails wait in the queue while the mail server refuses connections (issue 23)."""

from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from odoo.addons.base.models.ir_mail_server import IrMailServer


def refuse(*args, **kwargs):
    raise ConnectionRefusedError(111, "Connection refused")


@tagged("post_install", "-at_install")
class TestMailQueue(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Queued Customer", "email": "queued.customer@example.com"}
        )
        cls.product = cls.env["product.product"].create({"name": "Queue Apples", "list_price": 2})

    def mails_of(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_order_confirmation_waits_then_leaves(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        with patch.object(IrMailServer, "connect", side_effect=refuse):
            order._send_order_confirmation_mail()
        mails = self.mails_of(order)
        self.assertTrue(mails, "the confirmation was written")
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "it waits, not failed")
        notifications = mails.mapped("notification_ids")
        self.assertTrue(notifications)
        self.assertEqual(set(notifications.mapped("notification_status")), {"ready"})
        # The server answers again: the mail queue's job sends it.
        self.env["mail.mail"].process_email_queue(ids=mails.ids)
        self.assertEqual(set(mails.exists().mapped("state")) - {"sent"}, set())
        self.assertEqual(set(notifications.mapped("notification_status")), {"sent"})

    def test_posted_message_waits(self):
        with patch.object(IrMailServer, "connect", side_effect=refuse):
            message = self.customer.message_post(
                body="Your basket is ready.",
                partner_ids=self.customer.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        notification = message.notification_ids.filtered(
            lambda n: n.res_partner_id == self.customer
        )
        self.assertEqual(notification.notification_status, "ready")
        self.assertEqual(notification.mail_mail_id.state, "outgoing")

    def test_invalid_address_still_fails(self):
        """Only the server's silence queues a mail: an e-mail that cannot go fails."""
        mail = self.env["mail.mail"].create(
            {"subject": "Nobody", "body_html": "<p>x</p>", "email_to": "not-an-address"}
        )
        mail.send()
        self.assertEqual(mail.state, "exception")
