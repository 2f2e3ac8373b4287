from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .directory_common import DirectoryCase


@tagged("post_install", "-at_install")
class TestDirectoryMessage(DirectoryCase):
    def send(self, body="Could you help me fix a shelf?", user=None, profile=None):
        Message = self.env["coop.directory.message"].with_user(user or self.member_user)
        return Message._coop_send((profile or self.other_profile).id, body)

    def mail_of(self, message):
        return self.env["mail.mail"].search(
            [("model", "=", "coop.directory.message"), ("res_id", "=", message.id)]
        )

    def test_a_message_reaches_the_recipient_from_the_coop(self):
        message = self.send()
        self.assertEqual(message.sender_id, self.member)
        self.assertEqual(message.recipient_id, self.other)
        mail = self.mail_of(message)
        self.assertEqual(mail.recipient_ids, self.other)
        self.assertIn("coop@example.com", mail.email_from)
        self.assertIn("coop@example.com", mail.reply_to)
        self.assertIn("Could you help me fix a shelf?", mail.body_html)
        self.assertIn("Marie Directory", mail.body_html)

    def test_the_senders_email_is_not_in_the_mail(self):
        mail = self.mail_of(self.send())
        for part in (mail.email_from, mail.reply_to, mail.body_html, mail.subject):
            self.assertNotIn("coop_dir_marie@example.com", part or "")

    def test_the_mail_links_to_the_senders_card_when_published(self):
        self.assertNotIn("/my/directory/", self.mail_of(self.send()).body_html)
        self.profile.write({"published": True, "contactable": True})
        body = self.mail_of(self.send()).body_html
        self.assertIn(f"/my/directory/{self.profile.id}", body)

    def test_a_message_is_escaped(self):
        mail = self.mail_of(self.send("<script>alert(1)</script><b>hi</b>"))
        self.assertNotIn("<script>", mail.body_html)
        self.assertIn("&lt;script&gt;", mail.body_html)

    def test_a_member_who_did_not_tick_contactable_cannot_be_written_to(self):
        self.other_profile.contactable = False
        with self.assertRaises(UserError):
            self.send()
        sent = self.env["coop.directory.message"].search([("sender_id", "=", self.member.id)])
        self.assertFalse(sent)

    def test_an_unpublished_member_cannot_be_written_to(self):
        self.other_profile.published = False
        with self.assertRaises(UserError):
            self.send()

    def test_a_non_member_cannot_write(self):
        with self.assertRaises(AccessError):
            self.send(user=self.stranger_user)

    def test_an_empty_or_huge_message_is_refused(self):
        for body in ("", "   ", "x" * 100_000):
            with self.subTest(length=len(body)), self.assertRaises(UserError):
                self.send(body)

    def test_eleven_messages_a_day_are_refused(self):
        for _count in range(10):
            self.send()
        with self.assertRaises(UserError):
            self.send()
        messages = self.env["coop.directory.message"].search([("sender_id", "=", self.member.id)])
        self.assertEqual(len(messages), 10)

    def test_members_do_not_read_the_messages(self):
        message = self.send()
        with self.assertRaises(AccessError):
            message.with_user(self.other_user).read(["body"])
        self.assertEqual(message.with_user(self.coordinator_user).body, message.body)

    def test_the_data_export_has_the_messages_without_the_recipients_name(self):
        self.send("Could you lend me a saw?")
        sent = self.member._coop_data_export()
        self.assertEqual(sent["directory_messages_sent"][0]["body"], "Could you lend me a saw?")
        self.assertNotIn("Olivier", str(sent["directory_messages_sent"]))
        received = self.other._coop_data_export()
        self.assertEqual(received["directory_messages_received"][0]["sender_id"], "Marie Directory")
        self.assertEqual(received["directory_profile"][0]["neighbourhood"], "Saint-Marceau")
