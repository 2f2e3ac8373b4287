import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("coop_solidarity_delivery_open_drive_orders", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coop app",
            trigger: '.o_app[data-menu-xmlid="coop_member_shifts.menu_coop_root"]',
            run: "click",
        },
        {
            content: "Open the Drive menu",
            trigger: '.o_menu_sections [data-menu-xmlid="coop_solidarity_delivery.menu_coop_drive"]',
            run: "click",
        },
        {
            content: "Open the drive orders",
            trigger: '.dropdown-item[data-menu-xmlid="coop_solidarity_delivery.menu_coop_drive_orders"]',
            run: "click",
        },
        {
            content: "The drive orders are listed",
            trigger: ".o_breadcrumb:contains('Drive Orders')",
        },
    ],
});
