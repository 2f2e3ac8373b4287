import { registry } from "@web/core/registry";
import { clickOnElement } from "@website/js/tours/tour_utils";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("coop_solidarity_delivery_drive_checkout", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Drive Test Basket", { select: true }),
        clickOnElement("Add to cart", "#add_to_cart"),
        tourUtils.goToCart({ quantity: 1 }),
        tourUtils.goToCheckout(),
        {
            content: "Pick up in store is the chosen delivery method",
            trigger: 'input[name="o_delivery_radio"][data-delivery-type="in_store"]:checked',
        },
        {
            content: "The only store of the pickup method is already chosen",
            trigger: "[name='o_pickup_location']:contains('La Coopérette')",
        },
        tourUtils.confirmOrder(),
        {
            content: "The slots arrive after the page",
            trigger: "#coop_slot_picker [name='coop_slot_days'][aria-busy='false'] input[name='coop_slot']",
        },
        {
            content: "No slot is chosen yet, and no error greets the member",
            trigger: "#coop_slot_picker:not(:has(input:checked)):not(:has(.alert-danger:not(.d-none)))",
        },
        {
            content: "Nothing is red on the page before the member acts",
            trigger: "body:not(:has(.alert-danger:not(.d-none)))",
        },
        {
            content: "The full slot cannot be chosen",
            trigger: "#coop_slot_picker input[name='coop_slot']:disabled",
        },
        {
            content: "Select `Pay on site`",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="pay_on_site"]',
            run: "click",
        },
        {
            content: "Try to pay without a slot",
            trigger: "[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "The picker now asks for a slot",
            trigger: "#coop_slot_picker [name='coop_slot_missing']:not(.d-none)",
        },
        {
            content: "Choose the open pickup slot",
            trigger: "#coop_slot_picker input[name='coop_slot']:not(:disabled) + label",
            run: "click",
        },
        {
            content: "The slot is booked: the request for a slot goes away",
            trigger: "#coop_slot_picker:has(input:checked):has([name='coop_slot_missing'].d-none)",
        },
        ...tourUtils.pay({ expectUnloadPage: true, waitFinalizeYourPayment: true }),
        {
            content: "The confirmation page shows the pickup slot",
            trigger: "#coop_slot_summary:contains('Pickup slot')",
        },
    ],
});
