from odoo.tests import TransactionCase, tagged

TEAM_LOGINS = ("staff", "coordinator", "feeofficer", "manager", "delivery", "callcentre")


@tagged("post_install", "-at_install")
class TestDemoTeamHome(TransactionCase):
    """Each demo login of the coop's team lands in the Coop app, on an action that one of the
    app's menus opens and that the user may open, not in Discuss."""

    def test_each_team_login_lands_in_the_coop_app(self):
        root = self.env.ref("coop_member_shifts.menu_coop_root")
        for login in TEAM_LOGINS:
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertTrue(user.action_id, f"{login} has no home action")
                action = user.action_id.sudo()
                menus = self.env["ir.ui.menu"].search(
                    [("action", "=", f"{action.type},{action.id}")]
                )
                self.assertTrue(
                    menus.filtered(lambda menu: menu.parent_path.startswith(f"{root.id}/")),
                    f"{login} lands outside the Coop app",
                )
                model = getattr(action, "res_model", False)
                if model:
                    self.assertTrue(
                        self.env[model].with_user(user).has_access("read"),
                        f"{login} may not read what the home action shows",
                    )
