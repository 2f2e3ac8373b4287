from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestEventMailsInTheirLanguage(TransactionCase):
    """The coop's events keep Odoo's own event mails: the confirmation (and, later, the
    reminders) reach each member in their language, French or Dutch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"]
        for code in ("fr_FR", "nl_BE"):
            Lang._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["event"], ["fr_FR", "nl_BE"])
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=8)
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Atelier levain",
                "event_type_id": cls.env.ref("coop_member_shifts.event_type_workshop").id,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
            }
        )
        since = fields.Date.today() - timedelta(days=30)
        cls.members = cls.env["res.partner"].create(
            [
                {"name": name, "email": email, "lang": lang, "coop_member_since": since}
                for name, email, lang in (
                    ("Nadine Roux", "nadine@example.com", "fr_FR"),
                    ("Wouter Peeters", "wouter@example.com", "nl_BE"),
                )
            ]
        )

    def test_the_workshop_type_keeps_odoos_mails(self):
        kinds = set(self.workshop.event_mail_ids.mapped("interval_type"))
        self.assertIn("after_sub", kinds, "a confirmation when one registers")
        self.assertIn("before_event", kinds, "a reminder before the event")

    def test_each_member_is_confirmed_in_their_language(self):
        registrations = self.env["event.registration"].create(
            [
                {"event_id": self.workshop.id, "partner_id": member.id, "state": "open"}
                for member in self.members
            ]
        )
        subjects = {}
        for registration in registrations:
            messages = self.env["mail.message"].search(
                [("model", "=", "event.registration"), ("res_id", "=", registration.id)]
            )
            subjects[registration.partner_id.lang] = " ".join(
                filter(None, messages.mapped("subject"))
            )
        self.assertIn("Votre inscription à Atelier levain", subjects["fr_FR"])
        self.assertIn("Je inschrijving bij Atelier levain", subjects["nl_BE"])

    def test_odoos_dutch_confirmation_compiles_again(self):
        """Odoo's Dutch has words between a t-if and its t-else (the mail failed to render):
        repaired at each load of the translations, the sentence whole."""
        self.env["ir.module.module"]._load_module_terms(["event"], ["nl_BE"], overwrite=True)
        registration = self.env["event.registration"].create(
            {"event_id": self.workshop.id, "partner_id": self.members[1].id}
        )
        body = (
            self.env.ref("event.event_subscription")
            .with_context(lang="nl_BE")
            ._render_field("body_html", registration.ids, compute_lang=False)[registration.id]
        )
        self.assertRegex(str(body), r"(?s)voor het evenement.*Atelier levain.*te bevestigen\.")
        self.assertNotIn("&lt;/t&gt;", str(body), "the moved tags stay tags, not text")
