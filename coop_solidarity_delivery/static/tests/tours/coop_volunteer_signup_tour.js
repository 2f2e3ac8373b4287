import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_solidarity_delivery_volunteer_signup", {
    steps: () => [
        {
            content: "The page is reached from the website's menu",
            trigger: "a[href='/volunteer']:contains('Become a volunteer')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Name",
            trigger: ".o_coop_volunteer_signup_form input[name='name']",
            run: "edit Zoé Tour",
        },
        {
            content: "E-mail",
            trigger: "input[name='email']",
            run: "edit zoe.tour@example.com",
        },
        {
            content: "Street",
            trigger: "input[name='street']",
            run: "edit Rue Haute 10",
        },
        {
            content: "ZIP",
            trigger: "input[name='zip']",
            run: "edit 1000",
        },
        {
            content: "City",
            trigger: "input[name='city']",
            run: "edit Bruxelles",
        },
        {
            content: "I deliver",
            trigger: "input[name='can_deliver']",
            run: "click",
        },
        {
            content: "By bike",
            trigger: "select[name='transport']",
            run: "select bike",
        },
        {
            content: "Up to 4 km",
            trigger: "input[name='radius_km']",
            run: "edit 4",
        },
        {
            content: "Available on the first day shown",
            trigger: "input[name='weekday_ids']:first",
            run: "click",
        },
        {
            content: "I agree to be contacted",
            trigger: "input[name='contact_consent']",
            run: "click",
        },
        {
            content: "I agree to the use of my address",
            trigger: "input[name='address_consent']",
            run: "click",
        },
        {
            content: "Send the form",
            trigger: ".o_coop_volunteer_signup_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thanks: an e-mail is on its way",
            trigger: ".o_coop_volunteer_thanks .alert-success",
        },
    ],
});

registry.category("web_tour.tours").add("coop_solidarity_delivery_volunteer_confirm", {
    steps: () => [
        {
            content: "Confirm the sign-up",
            trigger: ".o_coop_volunteer_confirm_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Welcome among the volunteers",
            trigger: ".o_coop_volunteer_confirmed",
        },
    ],
});
