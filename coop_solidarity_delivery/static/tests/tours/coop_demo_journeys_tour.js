import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { clickOnElement } from "@website/js/tours/tour_utils";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// The journeys of the README's demo logins, on the demo database as installed (no change).

// Pick up at the coop's store, chosen on the checkout page (groceries are not stocked per store).
function pickUpAtTheStore() {
    return [
        tourUtils.goToCart({ quantity: 1 }),
        {
            // The demo members read French: their links start with /fr.
            content: "Go to checkout",
            trigger: 'a[href*="/shop/checkout"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose to pick up at the store",
            trigger: 'input[name="o_delivery_radio"][data-delivery-type="in_store"]:not(:disabled)',
            run: "click",
        },
        {
            content: "Open the store selector",
            trigger: 'button[name="o_pickup_location_selector"]',
            run: "click",
        },
        {
            content: "The coop's store is listed, located beforehand",
            trigger: ".o_location_selector:contains('La Coopérette')",
        },
        clickOnElement("Choose the coop's store", "#submit_location_large"),
        {
            content: "The coop's store is the pickup point",
            trigger: "[name='o_pickup_location_name']:contains('La Coopérette')",
        },
        {
            content: "Confirm the order",
            trigger: 'a[href*="/shop/confirm_order"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose a pickup slot",
            trigger: "#coop_slot_picker input[name='coop_slot']:not(:disabled) + label",
            run: "click",
        },
        {
            // The picker books the slot in place: the page is not loaded again.
            content: "The slot is booked",
            trigger: "#coop_slot_picker:has(input:checked):has([name='coop_slot_missing'].d-none)",
        },
    ];
}


registry.category("web_tour.tours").add("coop_demo_member_buys_with_pickup", {
    url: "/shop",
    steps: () => [
        {
            content: "The coop's grocery comes first in the web shop",
            trigger: ".oe_product:first .oe_product_cart a:contains('Panier de légumes bio')",
        },
        {
            content: "Prices are in euros",
            trigger: ".oe_product:first .oe_product_cart:contains('€')",
        },
        {
            content: "Open the vegetable basket",
            trigger: ".oe_product_cart a:contains('Panier de légumes bio')",
            run: "click",
            expectUnloadPage: true,
        },
        clickOnElement("Add to cart", "#add_to_cart"),
        ...pickUpAtTheStore(),
        {
            content: "No slot label names Odoo's demo company",
            trigger: "#coop_slot_picker:not(:contains('YourCompany'))",
        },
        {
            content: "The total is in euros",
            trigger: "#o_wsale_total_accordion:contains('€')",
        },
        {
            content: "Pay on site",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="pay_on_site"]',
            run: "click",
        },
        // The demo speaks French: the next step waits for the confirmation page itself.
        ...tourUtils.pay({ expectUnloadPage: true, waitFinalizeYourPayment: false }),
        {
            content: "The confirmation page shows the pickup slot",
            trigger: "#coop_slot_summary",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_member_pays_by_transfer", {
    url: "/shop",
    steps: () => [
        {
            content: "Open the bread",
            trigger: ".oe_product_cart a:contains('Pain de campagne')",
            run: "click",
            expectUnloadPage: true,
        },
        clickOnElement("Add to cart", "#add_to_cart"),
        ...pickUpAtTheStore(),
        {
            content: "Pay by bank transfer",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="wire_transfer"]',
            run: "click",
        },
        // The demo speaks French: the next step waits for the confirmation page itself.
        ...tourUtils.pay({ expectUnloadPage: true, waitFinalizeYourPayment: false }),
        {
            content: "The confirmation page shows the pickup slot",
            trigger: "#coop_slot_summary",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_manager_opens_settings", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coop app",
            trigger: '.o_app[data-menu-xmlid="coop_member_shifts.menu_coop_root"]',
            run: "click",
        },
        {
            content: "Open the configuration",
            trigger:
                '.o_menu_sections [data-menu-xmlid="coop_member_shifts.menu_coop_configuration"]',
            run: "click",
        },
        {
            content: "Open the settings",
            trigger: '.dropdown-item[data-menu-xmlid="coop_member_shifts.menu_coop_settings"]',
            run: "click",
        },
        {
            content: "The coop's settings are shown",
            trigger: "#coop_monthly_hours_setting",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_staff_marks_drive_order_prepared", {
    url: "/odoo/action-coop_solidarity_delivery.action_coop_drive_orders",
    steps: () => [
        {
            content: "Open the next slot",
            trigger: ".o_group_header:first",
            run: "click",
        },
        {
            content: "Mark the first drive order prepared",
            trigger: ".o_data_row:first button[name=action_coop_drive_prepared]",
            run: "click",
        },
        {
            content: "The order is prepared",
            trigger: ".o_data_row:first:not(:has(button[name=action_coop_drive_prepared]))",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_fee_officer_validates_declaration", {
    url: "/odoo/action-coop_member_shifts.coop_income_declaration_action",
    steps: () => [
        {
            content: "Open Emma's declaration, waiting for a fee officer",
            trigger: ".o_data_row:contains('Emma Lefort') td.o_data_cell",
            run: "click",
        },
        {
            content: "Validate it",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The declaration is validated",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=validated]",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_coordinator_validates_task", {
    url: "/odoo/action-coop_member_shifts.coop_work_entry_action",
    steps: () => [
        {
            content: "Open Emma's task, waiting for a coordinator",
            trigger: ".o_data_row:contains('Emma Lefort') td.o_data_cell",
            run: "click",
        },
        {
            content: "Validate it",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The task is validated",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=validated]",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_open_delivery_requests", {
    url: "/odoo/action-coop_solidarity_delivery.coop_delivery_request_action",
    steps: () => [
        {
            content: "Odette's request from the call centre is listed",
            trigger: ".o_view_controller:contains('Odette Perrin')",
        },
    ],
});

registry.category("web_tour.tours").add("coop_demo_beneficiary_asks_for_a_delivery", {
    url: "/my",
    steps: () => [
        {
            content: "Open my solidarity deliveries",
            trigger: "a[href$='/my/deliveries']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Ask for a delivery",
            trigger: ".o_coop_new_delivery",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Say what I need",
            trigger: "textarea[name=shopping_list]",
            run: "edit Soupe, pain, yaourts",
        },
        {
            content: "Send the request",
            trigger: ".o_coop_send_delivery_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is recorded",
            trigger: ".o_coop_delivery_created",
        },
    ],
});
