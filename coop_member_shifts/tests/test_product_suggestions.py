"""Product suggestions through the ORM: who reads and writes what, supports, decisions."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .suggestion_common import SuggestionCase


@tagged("post_install", "-at_install")
class TestProductSuggestionAccess(SuggestionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheese = cls.Suggestion.with_user(cls.oscar_user).create(
            {"name": "Goat cheese", "reason": "Made nearby"}
        )

    def finds(self, user, model="coop.product.suggestion"):
        return self.env[model].with_user(user).search([])

    def test_a_member_suggests_as_themselves_whatever_the_values_sent(self):
        with self.assertRaises(AccessError):
            self.suggest(self.paula_user, author_id=self.oscar.id)
        with self.assertRaises(AccessError):
            self.suggest(self.paula_user, state="accepted")
        mine = self.suggest(self.paula_user)
        self.assertEqual((mine.author_id, mine.state), (self.paula, "posted"))

    def test_a_member_files_under_an_offered_category_only(self):
        """Stock valuation categories (All, Saleable...) are not offered to members, whatever
        the path; the commission files a suggestion anywhere."""
        technical = self.env.ref("product.product_category_all")
        with self.assertRaises(ValidationError):
            self.suggest(self.paula_user, category_id=technical.id)
        commission = self.suggest(self.paula_user).with_user(self.commission_user)
        commission.category_id = technical
        self.assertEqual(commission.category_id, technical)

    def test_a_member_reads_the_others_suggestions_and_changes_none(self):
        self.assertIn(self.cheese, self.finds(self.paula_user))
        with self.assertRaises(AccessError):
            self.cheese.with_user(self.paula_user).write({"name": "Cow cheese"})
        with self.assertRaises(AccessError):
            self.cheese.with_user(self.oscar_user).write({"name": "Cow cheese"})
        with self.assertRaises(AccessError):
            self.cheese.with_user(self.oscar_user).unlink()

    def test_a_user_who_is_not_a_member_reads_and_suggests_nothing(self):
        for user in (self.stranger_user, self.staff_user, self.env.ref("base.public_user")):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.cheese.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.suggest(user)

    def test_a_member_whose_membership_ends_stops_reading_the_others(self):
        self.paula.coop_member_since = False
        self.assertNotIn(self.cheese, self.finds(self.paula_user))
        self.assertIn(self.cheese, self.finds(self.oscar_user), "its author still does")

    def test_nobody_but_the_commission_reads_the_decline_reason(self):
        self.cheese.with_user(self.commission_user).action_decline("No supplier")
        with self.assertRaises(AccessError):
            self.cheese.with_user(self.oscar_user).read(["decline_reason"])
        self.assertEqual(
            self.cheese.with_user(self.oscar_user).coop_decline_reason_for_me, "No supplier"
        )
        self.assertFalse(self.cheese.with_user(self.paula_user).coop_decline_reason_for_me)

    def test_members_read_their_own_supports_only(self):
        mine = self.support(self.paula_user, self.cheese)
        hers = self.support(self.nina_user, self.cheese)
        self.assertEqual(self.finds(self.paula_user, mine._name), mine)
        with self.assertRaises(AccessError):
            hers.with_user(self.paula_user).read(["partner_id"])
        with self.assertRaises(AccessError):
            hers.with_user(self.paula_user).unlink()
        with self.assertRaises(AccessError):
            self.Support.with_user(self.paula_user).create(
                {"suggestion_id": self.cheese.id, "partner_id": self.oscar.id}
            )
        self.assertEqual(self.cheese.with_user(self.paula_user).support_count, 2)

    def test_the_commission_and_the_manager_read_counts_never_the_supporters(self):
        self.support(self.paula_user, self.cheese)
        for user in (self.commission_user, self.manager_user, self.staff_user):
            with self.subTest(user=user.login):
                self.assertFalse(self.finds(user, "coop.product.suggestion.support"))
                with self.assertRaises(AccessError):
                    self.cheese.with_user(user).read(["support_ids"])
        self.assertEqual(self.cheese.with_user(self.commission_user).support_count, 1)

    def test_the_manager_is_on_the_commission(self):
        self.assertTrue(
            self.manager_user.has_group("coop_member_shifts.group_coop_product_commission")
        )
        self.assertIn(self.cheese, self.finds(self.manager_user))

    def test_the_commission_opens_its_menu_and_views_nobody_else_sees_it(self):
        root = "coop_member_shifts.menu_coop_product_suggestions_root"
        menus = self.assertMenusOpen(self.commission_user, root)
        self.assertIn(self.env.ref("coop_member_shifts.menu_coop_product_suggestions"), menus)
        self.assertMenusOpen(self.manager_user, root)
        self.assertFalse(self.visible_menus(self.staff_user, root))

    def test_the_commission_reads_and_changes_every_suggestion(self):
        as_commission = self.cheese.with_user(self.commission_user)
        as_commission.write({"category_id": self.category.id})
        with self.assertRaises(UserError):
            as_commission.write({"state": "accepted"})

    def test_the_list_sorts_by_support_count(self):
        flour = self.suggest(self.paula_user, name="Organic flour")
        self.support(self.nina_user, self.cheese)
        self.support(self.paula_user, self.cheese)
        self.support(self.nina_user, flour)
        found = self.Suggestion.with_user(self.commission_user).search(
            [("id", "in", (self.cheese | flour).ids)], order="support_count desc"
        )
        self.assertEqual(found.ids, [self.cheese.id, flour.id])
        fields = self.Suggestion.with_user(self.commission_user).fields_get(
            ["support_count"], ["sortable"]
        )
        self.assertTrue(fields["support_count"]["sortable"])


@tagged("post_install", "-at_install")
class TestProductSuggestionSupport(SuggestionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheese = cls.Suggestion.with_user(cls.oscar_user).create({"name": "Goat cheese"})

    def test_a_member_supports_once(self):
        self.support(self.paula_user, self.cheese)
        with self.assertRaisesRegex(UserError, "already"):
            self.support(self.paula_user, self.cheese)
        self.assertEqual(self.cheese.support_count, 1)
        self.assertTrue(self.cheese.with_user(self.paula_user).coop_supported_by_me)
        self.assertFalse(self.cheese.with_user(self.nina_user).coop_supported_by_me)

    def test_the_author_cannot_support_their_own_suggestion(self):
        with self.assertRaisesRegex(UserError, "your own suggestion"):
            self.support(self.oscar_user, self.cheese)

    def test_a_user_who_is_not_a_member_cannot_support(self):
        with self.assertRaises(AccessError):
            self.Support.with_user(self.stranger_user).create({"suggestion_id": self.cheese.id})

    def test_a_member_withdraws_their_support(self):
        self.support(self.paula_user, self.cheese)
        self.Support.with_user(self.paula_user)._coop_unsupport(self.cheese)
        self.assertEqual(self.cheese.support_count, 0)
        with self.assertRaisesRegex(UserError, "do not support"):
            self.Support.with_user(self.paula_user)._coop_unsupport(self.cheese)

    def test_nobody_supports_a_decided_suggestion(self):
        self.cheese.with_user(self.commission_user).action_decline("No supplier")
        with self.assertRaisesRegex(UserError, "decided"):
            self.support(self.paula_user, self.cheese)

    def test_a_support_is_never_changed(self):
        support = self.support(self.paula_user, self.cheese)
        with self.assertRaises(AccessError):
            support.with_user(self.paula_user).write({"partner_id": self.nina.id})


@tagged("post_install", "-at_install")
class TestProductSuggestionDecision(SuggestionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("nl_BE")
        cls.cheese = (
            cls.Suggestion.with_user(cls.oscar_user)
            .create(
                {"name": "Goat cheese", "category_id": cls.category.id, "image_1920": cls.image}
            )
            .with_user(cls.env.user)
        )

    def test_accepting_makes_a_product_from_the_suggestion(self):
        self.cheese.with_user(self.commission_user).action_accept()
        product = self.cheese.product_tmpl_id
        self.assertEqual(self.cheese.state, "accepted")
        self.assertEqual((product.name, product.categ_id), ("Goat cheese", self.category))
        self.assertTrue(product.image_1920)
        self.assertTrue(product.coop_suggested_by_members)
        self.assertTrue(product.sale_ok)

    def test_accepting_links_the_product_chosen(self):
        existing = self.env["product.template"].create({"name": "Tomme de chèvre"})
        as_commission = self.cheese.with_user(self.commission_user)
        as_commission.product_tmpl_id = existing
        as_commission.action_accept()
        self.assertEqual(self.cheese.product_tmpl_id, existing)
        self.assertTrue(existing.coop_suggested_by_members)

    def test_declining_needs_a_reason(self):
        as_commission = self.cheese.with_user(self.commission_user)
        with self.assertRaisesRegex(UserError, "Write why"):
            as_commission.action_decline("  ")
        Wizard = self.env["coop.product.suggestion.decline"].with_user(self.commission_user)
        with self.assertRaisesRegex(UserError, "Write why"):
            Wizard.create({"suggestion_ids": self.cheese.ids, "reason": " "}).action_decline()
        Wizard.create({"suggestion_ids": self.cheese.ids, "reason": "Too far"}).action_decline()
        self.assertEqual((self.cheese.state, self.cheese.decline_reason), ("declined", "Too far"))

    def test_only_the_commission_decides(self):
        for user in (self.paula_user, self.oscar_user, self.staff_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.cheese.with_user(user).action_accept()
        with self.assertRaises(AccessError):
            self.cheese.with_user(self.oscar_user).action_decline("Mine")
        with self.assertRaisesRegex(UserError, "decided on already"):
            self.cheese.with_user(self.commission_user).action_accept()
            self.cheese.with_user(self.commission_user).action_decline("Twice")

    def test_the_author_and_the_supporters_are_told_in_their_language(self):
        template = self.env.ref("coop_member_shifts.mail_template_product_suggestion_decision")
        template.with_context(lang="fr_FR").subject = "Décision sur {{ object.name }}"
        template.with_context(lang="nl_BE").subject = "Beslissing over {{ object.name }}"
        self.oscar.lang, self.paula.lang, self.nina.lang = "fr_FR", "nl_BE", "en_US"
        self.support(self.paula_user, self.cheese)
        self.support(self.nina_user, self.cheese)
        self.cheese.with_user(self.commission_user).action_decline("The farm is too far")
        mails = self.env["mail.mail"].search(
            [("model", "=", self.cheese._name), ("res_id", "=", self.cheese.id)]
        )
        by_recipient = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(len(mails), 3, "one mail a recipient")
        self.assertEqual(set(by_recipient), {self.oscar, self.paula, self.nina})
        self.assertEqual(by_recipient[self.oscar].subject, "Décision sur Goat cheese")
        self.assertEqual(by_recipient[self.paula].subject, "Beslissing over Goat cheese")
        self.assertIn("The farm is too far", str(by_recipient[self.oscar].body_html))
        self.assertNotIn("The farm is too far", str(by_recipient[self.paula].body_html))
        company = self.env.company.partner_id
        self.assertEqual(mails.mail_message_id.author_id, company)
        self.assertEqual(mails.mail_message_id.create_uid, self.env.ref("base.user_root"))


@tagged("post_install", "-at_install")
class TestProductSuggestionDuplicates(SuggestionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheese = cls.Suggestion.with_user(cls.oscar_user).create(
            {"name": "Tomme de chèvre fermière"}
        )
        cls.Product = cls.env["product.template"]
        cls.flour = cls.Product.create({"name": "Farine de blé complète", "sale_ok": True})
        cls.Product.create({"name": "Farine pour les tests, hors vente", "sale_ok": False})

    def similar(self, name):
        return self.Suggestion.with_user(self.paula_user)._coop_similar(name)

    def test_a_suggestion_like_one_posted_is_found_whatever_the_case_and_accents(self):
        suggestions, _products = self.similar("FROMAGE DE CHEVRE")
        self.assertIn(self.cheese, suggestions)

    def test_a_sellable_product_like_it_is_found(self):
        _suggestions, products = self.similar("farine")
        self.assertIn(self.flour, products)
        self.assertFalse(products.filtered(lambda p: not p.sale_ok))

    def test_a_declined_suggestion_is_not_in_the_way(self):
        self.cheese.with_user(self.commission_user).action_decline("No")
        self.assertNotIn(self.cheese, self.similar("chèvre")[0])

    def test_small_words_alone_find_nothing(self):
        suggestions, products = self.similar("de la bio")
        self.assertFalse(suggestions or products)


@tagged("post_install", "-at_install")
class TestProductSuggestionMemberData(SuggestionCase):
    def test_the_export_holds_the_suggestions_and_supports(self):
        mine = self.suggest(self.paula_user, name="Organic flour", reason="For bread")
        theirs = self.suggest(self.oscar_user, name="Bulk detergent")
        self.support(self.paula_user, theirs)
        self.support(self.nina_user, mine)
        data = self.paula._coop_data_export()
        self.assertEqual([row["name"] for row in data["product_suggestions"]], ["Organic flour"])
        self.assertEqual(
            [row["suggestion_id"] for row in data["product_suggestion_supports"]],
            ["Bulk detergent"],
        )
        self.assertNotIn("Nina", str(data), "who supports the member's suggestion stays unsaid")

    def test_the_erasure_takes_the_supports_and_keeps_the_suggestion_without_author(self):
        mine = self.suggest(self.paula_user, name="Organic flour", reason="I bake on Sundays")
        theirs = self.suggest(self.oscar_user, name="Bulk detergent")
        self.support(self.paula_user, theirs)
        self.support(self.nina_user, mine)
        self.paula._coop_anonymise()
        self.assertEqual(theirs.support_count, 0)
        self.assertFalse(mine.author_id)
        self.assertEqual((mine.reason, mine.support_count), (False, 1))
        self.assertEqual(mine.name, "Organic flour")
