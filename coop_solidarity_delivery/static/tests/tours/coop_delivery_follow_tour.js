import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_delivery_follow_cancel", {
    steps: () => [
        {
            content: "Open the request from the list",
            trigger: "table .o_coop_delivery_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request shows its shopping list and the volunteer's first name",
            trigger: ".o_coop_delivery_page .o_coop_delivery_list:contains('Soupe, pain')",
        },
        {
            content: "The volunteer's first name, never more",
            trigger: ".o_coop_delivery_volunteer:contains('Marc'):not(:contains('Lefebvre'))",
        },
        {
            content: "Cancel the delivery",
            trigger: ".o_coop_cancel_delivery",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is cancelled",
            trigger: ".o_coop_delivery_message",
        },
        {
            content: "No cancel button any more",
            trigger: ".o_coop_delivery_page:not(:has(.o_coop_cancel_delivery))",
        },
    ],
});
