from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .directory_common import DirectoryCase

SECRET = "Could you keep the key under the blue pot?"


@tagged("post_install", "-at_install")
class TestDirectoryAuthorship(DirectoryCase):
    """A directory message is delivered by the coop: its mail.message and mail.mail are
    authored by the coop's partner and created by the superuser, so that neither the sender
    nor the public user finds the delivered text or the recipient's name."""

    def send(self):
        Message = self.env["coop.directory.message"].with_user(self.member_user)
        return Message._coop_send(self.other_profile.id, SECRET)

    def delivered(self, message):
        return self.env["mail.mail"].search(
            [("model", "=", "coop.directory.message"), ("res_id", "=", message.id)]
        )

    def last_ids(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT max(id) FROM mail_message")
        return self.env.cr.fetchone()[0] or 0

    def test_the_delivered_mail_is_the_coops(self):
        mail = self.delivered(self.send())
        self.assertTrue(mail)
        self.assertEqual(mail.author_id, self.env.company.partner_id)
        self.assertEqual(mail.mail_message_id.create_uid.id, SUPERUSER_ID)
        self.assertNotEqual(mail.author_id, self.member)

    def assertFindsNothing(self, user, before):
        """``user`` finds and reads nothing of the messages created after ``before``."""
        Message = self.env["mail.message"].with_user(user)
        found = Message.search([("id", ">", before)])
        self.assertFalse(found.filtered(lambda m: SECRET in (m.sudo().body or "")))
        self.assertFalse(Message.search([("body", "ilike", "blue pot")]))
        self.assertFalse(Message.search([("id", ">", before), ("partner_ids", "!=", False)]))
        new_ids = self.env["mail.message"].sudo().search([("id", ">", before)]).ids
        self.assertTrue(new_ids)
        for message_id in new_ids:
            with self.assertRaises(AccessError):
                Message.browse(message_id).read(["body", "partner_ids", "subject"])
        Mail = self.env["mail.mail"].with_user(user)
        for probe in (
            lambda: Mail.search([("id", ">", 0)]),
            lambda: Mail.browse(self.delivered_ids).read(["body_html", "email_to"]),
        ):
            try:
                result = probe()
            except AccessError:
                continue
            text = str(result if isinstance(result, list) else result.ids)
            self.assertNotIn("blue pot", text)
            self.assertNotIn("Olivier", text)

    def test_the_sender_finds_nothing_of_the_delivered_mail(self):
        before = self.last_ids()
        self.delivered_ids = self.delivered(self.send()).ids
        self.assertFindsNothing(self.member_user, before)

    def test_the_public_user_finds_nothing_of_the_delivered_mail(self):
        before = self.last_ids()
        self.delivered_ids = self.delivered(self.send()).ids
        self.assertFindsNothing(self.env.ref("base.public_user"), before)

    def test_the_recipients_name_is_not_readable_by_the_sender(self):
        message = self.send()
        mail = self.delivered(message)
        self.assertIn("Olivier", mail.body_html)
        with self.assertRaises(AccessError):
            mail.mail_message_id.with_user(self.member_user).read(["record_name", "body"])
        with self.assertRaises(AccessError):
            message.with_user(self.member_user).read(["recipient_id"])
