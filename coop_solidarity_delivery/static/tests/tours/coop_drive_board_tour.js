import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const CARD = ".o_kanban_record:contains('Board Tour Member')";

registry.category("web_tour.tours").add("coop_solidarity_delivery_drive_board", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coop app: it opens on the drive board",
            trigger: '.o_app[data-menu-xmlid="coop_member_shifts.menu_coop_root"]',
            run: "click",
        },
        {
            content: "The order of today's slot waits to be prepared",
            trigger: `.o_coop_drive_board .o_kanban_group:has(.o_column_title:contains('To Prepare')) ${CARD}`,
        },
        {
            content: "Mark it prepared",
            trigger: `${CARD} button[name='action_coop_drive_prepared']`,
            run: "click",
        },
        {
            content: "The card is in the Prepared column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('Prepared')) ${CARD}:not(:has(button[name='action_coop_drive_prepared']))`,
        },
        {
            content: "Hand it over to the member",
            trigger: `${CARD} button[name='action_coop_drive_handed_over']`,
            run: "click",
        },
        {
            content: "The card is in the Handed Over column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('Handed Over')) ${CARD}:not(:has(button))`,
        },
    ],
});
