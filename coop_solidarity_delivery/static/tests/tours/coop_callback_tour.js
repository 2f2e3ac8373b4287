import { registry } from "@web/core/registry";

// A visitor asks to be called back from the footer's link, in French.
registry.category("web_tour.tours").add("coop_solidarity_delivery_callback", {
    steps: () => [
        {
            content: "The form is reached from the footer",
            trigger: "footer a[href$='/callback']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Name",
            trigger: ".o_coop_callback_form input[name='name']",
            run: "edit Jeanne Rappel",
        },
        {
            content: "Phone",
            trigger: "input[name='phone']",
            run: "edit 0470 12 34 56",
        },
        {
            content: "In the morning",
            trigger: "input[name='call_time'][value='morning']",
            run: "click",
        },
        {
            content: "About a delivery",
            trigger: "input[name='topic'][value='delivery']",
            run: "click",
        },
        {
            content: "I agree to be called",
            trigger: "input[name='consent']",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".o_coop_callback_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The thank-you page",
            trigger: ".o_coop_callback_thanks .alert-success",
        },
    ],
});

// A call-centre volunteer finds the call on the list, with the caller's language.
registry.category("web_tour.tours").add("coop_solidarity_delivery_callback_list", {
    steps: () => [
        {
            content: "The call is on the list, in the caller's language",
            trigger: ".o_data_row:contains('Jeanne Rappel') td[name='lang']:contains('French')",
            run: "click",
        },
        {
            content: "The call-centre volunteer takes the call",
            trigger: ".o_form_view button[name='action_take']",
            run: "click",
        },
        {
            content: "Then marks it called",
            trigger: ".o_form_view button[name='action_called']",
            run: "click",
        },
        {
            content: "Called",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Called')",
        },
    ],
});
