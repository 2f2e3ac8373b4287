import { registry } from "@web/core/registry";
import { clickOnElement } from "@website/js/tours/tour_utils";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("coop_solidarity_delivery_drive_checkout", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Drive Test Basket", { select: true }),
        clickOnElement("Open the store selector", ".o_click_and_collect_availability"),
        clickOnElement("Choose the coop's store", "#submit_location_large"),
        clickOnElement("Add to cart", "#add_to_cart"),
        tourUtils.goToCart({ quantity: 1 }),
        tourUtils.goToCheckout(),
        {
            content: "Pick up in store is the chosen delivery method",
            trigger: 'input[name="o_delivery_radio"][data-delivery-type="in_store"]:checked',
        },
        tourUtils.confirmOrder(),
        {
            content: "No payment before a pickup slot is chosen",
            trigger: "#coop_slot_picker:not(:has(input:checked))",
        },
        {
            content: "The full slot cannot be chosen",
            trigger: "#coop_slot_picker input[name='coop_slot']:disabled",
        },
        {
            content: "Choose the open pickup slot",
            trigger: "#coop_slot_picker input[name='coop_slot']:not(:disabled) + label",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Select `Pay on site`",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="pay_on_site"]',
            run: "click",
        },
        ...tourUtils.pay({ expectUnloadPage: true, waitFinalizeYourPayment: true }),
        {
            content: "The confirmation page shows the pickup slot",
            trigger: "#coop_slot_summary:contains('Pickup slot')",
        },
    ],
});
