import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_solidarity_delivery_volunteer_accepts", {
    steps: () => [
        {
            content: "Before accepting, the address is not shown",
            trigger: ".o_coop_delivery_offer:not(:has(.o_coop_beneficiary_address))",
        },
        {
            content: "Accept the delivery",
            trigger: ".o_coop_accept_delivery",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The delivery is mine: the address is shown",
            trigger: ".o_coop_delivery_offer .alert-success",
        },
        {
            content: "Address of the member",
            trigger: ".o_coop_beneficiary_address:contains('Rue du Midi 1')",
        },
    ],
});
