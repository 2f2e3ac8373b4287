"""A French or Dutch member reads the members' pages and e-mails in their language: no English
text of the addon's ``.po`` files is left in what the server sends them."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .event_common import make_event
from .fee_common import FeeCase
from .rendered_languages import LANGS, RenderedLanguagesMixin, leaks

ADDON = "coop_member_shifts"
# GET routes that answer something other than a page to read.
NOT_PAGES = {
    "/my/data/export": "a JSON file of the member's data, for machines",
    "/my/directory/<int:profile_id>/photo": "an image",
}


@tagged("post_install", "-at_install")
class TestRenderedLanguages(RenderedLanguagesMixin, FeeCase, HttpCase):
    MSGID_ADDONS = (ADDON,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_languages()
        cls.env.company.email = "coop@example.com"
        since = fields.Date.today() - timedelta(days=100)
        cls.paula.write({"coop_member_since": since, "street": "Rue Haute 3"})
        cls.oscar.write({"coop_member_since": since})
        cls.stranger = new_test_user(
            cls.env, login="coop_lang_stranger", groups="base.group_portal"
        )
        cls.make_work(cls.paula)
        cls.make_skills(cls.paula)
        cls.make_directory(cls.paula, cls.oscar)
        cls.make_board(cls.paula, cls.oscar)
        cls.make_suggestions(cls.paula, cls.oscar)
        cls.make_events(cls.paula)
        cls.declare(cls, cls.paula, 1234)
        cls.declare(cls, cls.paula, 900, validated=False)
        cls.erasure = cls.env["coop.erasure.request"].create({"partner_id": cls.paula.id})

    @classmethod
    def make_work(cls, member):
        Skill = cls.env["coop.skill"]
        cls.forklift = Skill.create({"name": "Chariot", "needs_confirmation": True})
        reception = cls.env["coop.task.type"].create({"name": "Caisse du matin"})
        lifting = cls.env["coop.task.type"].create(
            {"name": "Réserve", "required_skill_id": cls.forklift.id}
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        shifts = cls.env["coop.shift"].create(
            [
                {"task_type_id": task.id, "start": when, "end": when + timedelta(hours=3)}
                for task, when in (
                    (reception, start),
                    (reception, start + timedelta(days=1)),
                    (lifting, start + timedelta(days=2)),
                )
            ]
        )
        cls.open_shift = shifts[1]
        cls.registration = cls.env["coop.shift.registration"].create(
            {"shift_id": shifts[0].id, "partner_id": member.id}
        )
        cls.env["coop.work.entry"]._credit(member, 3, "shift", "Caisse du matin")
        cls.env["coop.work.entry"]._credit(member, 2, "task", "Inventaire")

    @classmethod
    def make_skills(cls, member):
        Skill = cls.env["coop.skill"]
        cooking, cls.accounting = Skill.create([{"name": "Cuisine"}, {"name": "Comptabilité"}])
        cls.env["coop.member.skill"].create(
            [
                {"partner_id": member.id, "skill_id": cooking.id},
                {"partner_id": member.id, "skill_id": cls.forklift.id},
            ]
        )

    @classmethod
    def make_directory(cls, member, other):
        Profile = cls.env["coop.directory.profile"]
        Profile.search([]).unlink()  # the demo's profiles
        switches = dict.fromkeys(
            ("published", "show_name", "show_neighbourhood", "show_skills", "show_offer"), True
        )
        Profile.create({"partner_id": member.id, **switches, "neighbourhood": "Marolles"})
        cls.other_profile = Profile.create(
            {
                "partner_id": other.id,
                **switches,
                "contactable": True,
                "neighbourhood": "Saint-Gilles",
                "offer": "Cours de menuiserie",
            }
        )

    @classmethod
    def make_board(cls, member, other):
        category = cls.env["coop.board.category"].create({"name": "Outils"})
        Post = cls.env["coop.board.post"]
        end = fields.Date.today() + timedelta(days=10)
        values = {"category_id": category.id, "date_end": end, "neighbourhood": "Marolles"}
        cls.own_post = Post.create(
            {**values, "name": "Perceuse", "kind": "offer", "partner_id": member.id}
        )
        cls.other_post = Post.create(
            {**values, "name": "Échelle", "kind": "need", "partner_id": other.id}
        )

    @classmethod
    def make_suggestions(cls, member, other):
        Suggestion = cls.env["coop.product.suggestion"]
        category = cls.env["product.category"].create(
            {"name": "Crèmerie", "coop_suggestion_ok": True}
        )
        cls.own_suggestion = Suggestion.create(
            {
                "name": "Tomme de chèvre",
                "reason": "De la ferme voisine",
                "category_id": category.id,
                "author_id": member.id,
                "state": "declined",
                "decline_reason": "Trop loin",
            }
        )
        cls.other_suggestion = Suggestion.create(
            {"name": "Farine de sarrasin", "category_id": category.id, "author_id": other.id}
        )
        cls.decided_suggestion = Suggestion.create({"name": "Miel", "author_id": other.id})
        cls.env["coop.product.suggestion.support"].create(
            {"suggestion_id": cls.decided_suggestion.id, "partner_id": member.id}
        )

    @classmethod
    def make_events(cls, member):
        kept = {"coop_members_only": True, "seats_limited": True, "seats_max": 12}
        cls.workshop = make_event(cls.env, "Atelier cuisine", days=4, **kept)
        cls.apero = make_event(cls.env, "Apéro des membres", days=4, **kept)
        cls.env["event.registration"].create({"event_id": cls.workshop.id, "partner_id": member.id})

    def pages(self):
        """``(route, url, user)``: each page of the addon, as the user who reads it (the
        board's page for a user who is not a member answers 403)."""
        member, stranger = self.portal_user, self.stranger
        return [
            ("/my", "/my", member),
            ("/my/shifts", "/my/shifts", member),
            ("/my/skills", "/my/skills", member),
            ("/my/board", "/my/board", member),
            ("/my/board", "/my/board?kind=need", member),
            ("/my/board", "/my/board", stranger),
            ("/my/board/page/<int:page>", "/my/board/page/1", member),
            ("/my/board/new", "/my/board/new", member),
            ("/my/board/<int:post_id>", f"/my/board/{self.own_post.id}", member),
            ("/my/board/<int:post_id>", f"/my/board/{self.other_post.id}", member),
            ("/my/board/<int:post_id>/edit", f"/my/board/{self.own_post.id}/edit", member),
            ("/my/suggestions", "/my/suggestions", member),
            ("/my/suggestions", "/my/suggestions", stranger),
            ("/my/suggestions/page/<int:page>", "/my/suggestions/page/1", member),
            ("/my/suggestions/new", "/my/suggestions/new", member),
            (
                "/my/suggestions/<int:suggestion_id>",
                f"/my/suggestions/{self.own_suggestion.id}",
                member,
            ),
            (
                "/my/suggestions/<int:suggestion_id>",
                f"/my/suggestions/{self.other_suggestion.id}",
                member,
            ),
            ("/my/events", "/my/events", member),
            ("/my/events", "/my/events", stranger),
            ("/event/<event>/register", f"/event/{self.apero.id}/register", None),
            (
                "/event/<event>/register",
                f"/event/{self.apero.id}/register?registration_error_code=coop_one_seat",
                member,
            ),
            ("/my/directory", "/my/directory", member),
            ("/my/directory", "/my/directory", stranger),
            ("/my/directory/<int:profile_id>", f"/my/directory/{self.other_profile.id}", member),
            ("/my/directory/profile", "/my/directory/profile", member),
            ("/my/income", "/my/income", member),
            ("/my/income", "/my/income?income=1000&household_shares=2", member),
            ("/my/data", "/my/data", member),
            ("/my/data/erasure/<int:erasure_id>", f"/my/data/erasure/{self.erasure.id}", member),
        ]

    def posts(self):
        """``(url, data, user)``: forms whose answer shows a message or an error."""
        member = self.portal_user
        return [
            (f"/my/shifts/{self.open_shift.id}/register", {}, member),
            ("/my/shifts/log", {"name": "Inventaire", "hours": "deux"}, member),
            ("/my/skills/add", {"skill_id": str(self.accounting.id)}, member),
            ("/my/board/new", {"name": ""}, member),
            (f"/my/events/{self.apero.id}/register", {}, member),
            (f"/my/events/{self.workshop.id}/cancel", {}, member),
            (f"/my/events/{self.workshop.id}/cancel", {}, member),
            ("/my/suggestions/new", {"name": ""}, member),
            ("/my/suggestions/new", {"name": "Tomme de chèvre fermière"}, member),
            (f"/my/suggestions/{self.other_suggestion.id}/support", {}, member),
            (f"/my/suggestions/{self.other_suggestion.id}/unsupport", {}, member),
            (f"/my/board/{self.other_post.id}/answer", {"answer": "Je peux"}, member),
            (f"/my/directory/{self.other_profile.id}/contact", {"body": "Bonjour"}, member),
            ("/my/directory/profile/save", {"published": "on"}, member),
            ("/my/income/declare", {"income": "beaucoup"}, member),
            ("/my/data/erasure", {}, member),
        ]

    def mails(self):
        """``{template: send}``: each e-mail template of the addon, sent to Paula as the
        addon's code sends it."""
        message = self.env["coop.directory.message"].create(
            {"sender_id": self.oscar.id, "recipient_id": self.paula.id, "body": "Bonjour !"}
        )
        light = "mail.mail_notification_light"
        decision = self.env.ref(f"{ADDON}.mail_template_product_suggestion_decision")
        reminder, behind, renewal, directory = (
            self.env.ref(f"{ADDON}.{name}")
            for name in (
                "mail_template_shift_reminder",
                "mail_template_work_behind",
                "mail_template_fee_renewal",
                "mail_template_directory_message",
            )
        )
        return {
            reminder: self.registration._send_reminder,
            behind: lambda: behind.send_mail(self.paula.id, email_layout_xmlid=light),
            renewal: lambda: renewal.send_mail(self.paula.id, email_layout_xmlid=light),
            directory: lambda: directory._coop_send_as_coop(message.id, email_layout_xmlid=light),
            # Paula as the author of a declined suggestion and as a supporter of an accepted one.
            decision: lambda: (
                self.own_suggestion._coop_tell_decision(),
                self.decided_suggestion.with_context(coop_suggestion_decision=True).write(
                    {"state": "accepted", "product_tmpl_id": self.membership.id}
                ),
                self.decided_suggestion._coop_tell_decision(),
            ),
        }

    def check_language(self, lang):
        # Everyone reads the language: the e-mails a member's action sends to another too.
        (self.paula | self.oscar | self.stranger.partner_id).lang = lang
        for _route, url, user in self.pages():
            members_only = url in ("/my/board", "/my/suggestions", "/my/events")
            status = 403 if members_only and user == self.stranger else 200
            self.check_page(user, url, lang, status)
        for url, data, user in self.posts():
            self.check_post(user, url, data, lang)
        for template, send in self.mails().items():
            self.check_mails(template.name, lang, send)
        self.assertNothingInEnglish()

    def test_every_page_and_mail_is_covered(self):
        self.assertRoutesCovered(ADDON, [route for route, _url, _user in self.pages()], NOT_PAGES)
        templates = self.env["ir.model.data"].search(
            [("module", "=", ADDON), ("model", "=", "mail.template")]
        )
        covered = {template.id for template in self.mails()}
        self.assertEqual(set(templates.mapped("res_id")), covered)

    def test_the_check_finds_the_english_of_an_english_page(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        markup = self.url_open("/my/skills").text
        found = leaks(markup, self.msgids[LANGS[0]])
        self.assertIn("My skills", found)
        self.assertIn("awaiting confirmation", found)
        # A sentence over two lines of the template, with its markup.
        self.assertTrue([msgid for msgid in found if msgid.startswith("Tell the coop what")])
        self.assertGreater(len(found), 10, found)
        self.paula.lang = "en_US"
        template = self.env.ref(f"{ADDON}.mail_template_work_behind")
        self.check_mails(template.name, LANGS[0], lambda: template.send_mail(self.paula.id))
        self.assertIn("Your volunteer hours at the coop", [text for *_, text in self.found])
        self.assertGreater(len(self.found), 2, self.found)

    def test_a_french_member_reads_everything_in_french(self):
        self.check_language(LANGS[0])

    def test_a_dutch_speaking_member_reads_everything_in_dutch(self):
        self.check_language(LANGS[1])
