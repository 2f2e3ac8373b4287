from odoo.tests import TransactionCase, new_test_user


class CoopCase(TransactionCase):
    """Shared fixtures: one user per Coop role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_user = new_test_user(
            cls.env, login="coop_test_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        cls.manager_user = new_test_user(
            cls.env, login="coop_test_manager", groups="coop_member_shifts.group_coop_manager"
        )

    def visible_menus(self, user, root_xmlid):
        """Return the menus under ``root_xmlid`` that ``user`` sees, with an action."""
        root = self.env.ref(root_xmlid)
        menus = self.env["ir.ui.menu"].with_user(user)
        visible_ids = menus._visible_menu_ids()
        return menus.search([("id", "child_of", root.id)]).filtered(
            lambda menu: menu.id in visible_ids and menu.action
        )

    def assertMenusOpen(self, user, root_xmlid):
        """Every menu ``user`` sees under the root opens its action and views."""
        menus = self.visible_menus(user, root_xmlid)
        self.assertTrue(menus, "the user sees no menu with an action")
        for menu in menus:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            model = self.env[action.res_model].with_user(user)
            self.assertTrue(
                model.has_access("read"), f"{user.login} cannot read {action.res_model}"
            )
            views = [(view.id, view.view_mode) for view in action.view_ids]
            views += [(False, mode) for mode in action.view_mode.split(",")]
            model.get_views(views, {"load_filters": True})
        return menus
