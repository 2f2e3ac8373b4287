import { registry } from "@web/core/registry";

// Product suggestions, as three visits: Paula suggests a product (a similar suggestion is
// shown first, she posts hers anyway), Oscar supports it, the product commission accepts it
// to a new product of the shop. The HttpCase test_suggestion_tour.py logs each one in.

registry.category("web_tour.tours").add("coop_suggestion_suggest", {
    url: "/my/suggestions",
    steps: () => [
        {
            content: "Suggest a product",
            trigger: "a.o_coop_suggestion_new",
            run: "click",
        },
        {
            content: "Name the product",
            trigger: "input[name=name]",
            run: "edit Tour buckwheat flour",
        },
        {
            content: "Name the producer",
            trigger: "input[name=producer]",
            run: "edit Tour mill",
        },
        {
            content: "Say why",
            trigger: "textarea[name=reason]",
            run: "edit For galettes on Sundays.",
        },
        {
            content: "Post it",
            trigger: "button.o_coop_suggestion_submit",
            run: "click",
        },
        {
            content: "A similar suggestion is shown first",
            trigger: ".o_coop_suggestion_similar a:contains(Tour buckwheat)",
        },
        {
            content: "What was typed is kept: post it anyway",
            trigger: "button.o_coop_suggestion_anyway",
            run: "click",
        },
        {
            content: "The suggestion is on its page",
            trigger: ".o_coop_suggestion_title:contains(Tour buckwheat flour)",
        },
    ],
});

registry.category("web_tour.tours").add("coop_suggestion_support", {
    url: "/my/suggestions",
    steps: () => [
        {
            content: "Open the suggestion",
            trigger: "a.o_coop_suggestion:contains(Tour buckwheat flour)",
            run: "click",
        },
        {
            content: "Support it",
            trigger: "button.o_coop_suggestion_support",
            run: "click",
        },
        {
            content: "The support is counted",
            trigger: ".o_coop_suggestion_count:contains(1 member supports this)",
        },
    ],
});

registry.category("web_tour.tours").add("coop_suggestion_accept", {
    url: "/odoo/action-coop_member_shifts.coop_product_suggestion_action",
    steps: () => [
        {
            content: "Open the suggestion from the commission's list",
            trigger: ".o_data_row .o_data_cell:contains(Tour buckwheat flour)",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: "button[name=action_accept]",
            run: "click",
        },
        {
            content: "Confirm: a new product is made from it",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The suggestion is accepted, linked to its product",
            trigger: ".o_field_widget[name=product_tmpl_id] :contains(Tour buckwheat flour)",
        },
    ],
});
