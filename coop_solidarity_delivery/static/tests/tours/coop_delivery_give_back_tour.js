import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_delivery_give_back", {
    steps: () => [
        {
            content: "The delivery is mine: the address is shown",
            trigger: ".o_coop_beneficiary_address:contains('Rue du Midi 1')",
        },
        {
            content: "I can no longer do it",
            trigger: ".o_coop_give_back_open",
            run: "click",
        },
        {
            content: "Because I am ill",
            trigger: ".o_coop_give_back_form input[name='reason'][value='ill']",
            run: "click",
        },
        {
            content: "Give the delivery back",
            trigger: ".o_coop_give_back_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page says it is given back",
            trigger: ".o_coop_offer_returned",
        },
        {
            content: "The address is no longer shown",
            trigger: ".o_coop_delivery_offer:not(:has(.o_coop_beneficiary_address))",
        },
    ],
});
