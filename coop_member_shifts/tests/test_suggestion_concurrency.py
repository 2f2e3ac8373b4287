"""One support a member and suggestion, tried with five requests sent at the same moment."""

from odoo.tests import tagged

from .concurrency import committed_env, kinds, run_at_once
from .test_limits_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestSuggestionSupportsAtOnce(ConcurrencyCase):
    def test_five_supports_of_one_member_at_once_one_holds(self):
        with committed_env(self.registry) as env:
            author = self.make_member(env, "coop_limit_sugg_author").partner_id
            supporter = self.make_member(env, "coop_limit_sugg_supporter")
            for partner in (author, supporter.partner_id):
                partner.coop_member_since = "2026-01-01"
            suggestion = env["coop.product.suggestion"].create(
                {"name": "Goat cheese at once", "author_id": author.id}
            )
            self.keep(suggestion)
            suggestion_id, supporter_id = suggestion.id, supporter.id

        def support(env, index):
            suggestion = env["coop.product.suggestion"].browse(suggestion_id)
            return env["coop.product.suggestion.support"]._coop_support(suggestion).id

        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            outcomes = run_at_once(self.registry, support, count=5, uid=supporter_id)
        with committed_env(self.registry) as env:
            supports = env["coop.product.suggestion.support"].search(
                [("suggestion_id", "=", suggestion_id)]
            )
            self.to_delete.append((supports._name, supports.ids))
            self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
            self.assertEqual(len(supports), 1)
            refused = [outcome.message for outcome in outcomes if outcome.kind == "refused"]
            self.assertTrue(all("support this suggestion already" in m for m in refused), refused)
