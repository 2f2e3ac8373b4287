import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("coop_member_shifts_open_coop_menu", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coop app",
            trigger: '.o_app[data-menu-xmlid="coop_member_shifts.menu_coop_root"]',
            run: "click",
        },
        {
            content: "The Coop app is open",
            trigger: '.o_menu_brand:contains("Coop")',
        },
        {
            // The first menu the user may open (the members, or the drive board when the
            // deliveries addon is installed too), in the user's language.
            content: "The app lands on its first menu",
            trigger: ".o_action_manager .o_view_controller .o_breadcrumb",
        },
    ],
});
