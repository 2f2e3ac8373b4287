import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_solidarity_delivery_portal_request", {
    url: "/my",
    steps: () => [
        {
            content: "Open my solidarity deliveries",
            trigger: "a[href='/my/deliveries']",
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
            content: "Say how to get in",
            trigger: "textarea[name=access_notes]",
            run: "edit Code 4512",
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
