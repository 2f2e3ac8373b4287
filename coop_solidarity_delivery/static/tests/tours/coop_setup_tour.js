import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** The setup assistant from a database without demo data: a new coop's manager opens the
 * Coop app, the assistant opens on its own, and every step is filled in and applied. */
function atStep(step) {
    return {
        content: `The assistant is on the step ${step}`,
        trigger: `.modal .o_statusbar_status button[data-value="${step}"][aria-checked="true"]`,
    };
}

function next() {
    return {
        content: "Next step",
        trigger: ".modal footer button[name=action_next]",
        run: "click",
    };
}

function fill(field, value) {
    return {
        content: `Fill ${field}`,
        trigger: `.modal div[name=${field}] input`,
        run: `edit ${value}`,
    };
}

registry.category("web_tour.tours").add("coop_solidarity_delivery_setup_assistant", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coop app",
            trigger: '.o_app[data-menu-xmlid="coop_member_shifts.menu_coop_root"]',
            run: "click",
        },
        atStep("identity"),
        {
            content: "The checklist says what is left to do",
            trigger: ".modal .o_coop_setup_checklist .o_coop_check_todo",
        },
        fill("coop_name", "La Cagette d'Orléans"),
        fill("street", "12 rue des Carmes"),
        fill("zip", "45000"),
        fill("city", "Orléans"),
        {
            content: "Choose the country",
            trigger: ".modal div[name=country_id] input",
            run: "edit France",
        },
        {
            content: "France",
            trigger: ".o-autocomplete--dropdown-item:contains(France)",
            run: "click",
        },
        {
            content: "The currency follows the country",
            trigger: ".modal div[name=currency_id] input:value(EUR)",
        },
        {
            content: "The preview says what the step sets",
            trigger: ".modal .o_coop_setup_preview:contains('Orléans')",
        },
        next(),
        atStep("work"),
        fill("monthly_hours", "3"),
        fill("grace_months", "1"),
        next(),
        atStep("fees"),
        {
            content: "Default brackets are proposed",
            trigger: ".modal div[name=bracket_ids] .o_data_row:nth-child(3)",
        },
        next(),
        atStep("store"),
        fill("store_name", "La Cagette"),
        {
            content: "Default drive hours are proposed",
            trigger: ".modal div[name=drive_slot_ids] .o_data_row:nth-child(2)",
        },
        next(),
        atStep("delivery"),
        {
            content: "Default delivery days are proposed",
            trigger: ".modal div[name=delivery_slot_ids] .o_data_row",
        },
        next(),
        atStep("payment"),
        {
            content: "Payment on site and by wire transfer are proposed",
            trigger: ".modal div[name=wire_transfer] input:checked",
        },
        next(),
        atStep("done"),
        {
            content: "Nothing is left to do",
            trigger: ".modal .o_coop_setup_checklist:not(:has(.o_coop_check_todo))",
        },
        {
            content: "Open the Coop app",
            trigger: ".modal footer button[name=action_close]",
            run: "click",
        },
        {
            content: "The Coop app is open",
            trigger: ".o_breadcrumb:contains('Drive Board')",
        },
    ],
});
