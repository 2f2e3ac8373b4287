import { registry } from "@web/core/registry";

// A member registers for a members-only workshop from her account, in one click, and finds it
// under her next events. The HttpCase test_event_tour.py logs Julie (a member, in French) in.

const WORKSHOP = ".o_coop_event:contains(Comment mieux consommer localement)";

registry.category("web_tour.tours").add("coop_event_register", {
    url: "/my/events",
    steps: () => [
        {
            content: "The page is in French",
            trigger: "html[lang=fr-FR]",
        },
        {
            content: "The workshop is coming up, kept for members",
            trigger: `${WORKSHOP} .o_coop_event_members_only_badge`,
        },
        {
            content: "Register in one click",
            trigger: `${WORKSHOP} button.o_coop_event_register`,
            run: "click",
        },
        {
            content: "Registered: said on the page",
            trigger: ".o_coop_portal_message",
        },
        {
            content: "The workshop is among my next events, with a Cancel button",
            trigger:
                ".o_coop_my_event:contains(Comment mieux consommer localement) .o_coop_event_cancel",
        },
    ],
});

// A visitor on the page of a members-only workshop: the page says it is kept for members, and
// the registration modal answers with the reason and a way to log in, not the attendees' form.
registry.category("web_tour.tours").add("coop_event_visitor", {
    steps: () => [
        {
            content: "The page says the event is kept for members",
            trigger: ".o_coop_event_members_only",
        },
        {
            content: "Open the registration",
            trigger: "button[data-bs-target='#modal_ticket_registration']:visible",
            run: "click",
        },
        {
            content: "Ask for one seat",
            trigger: "#registration_form .a-submit:not(:disabled)",
            run: "click",
        },
        {
            content: "Kept for members: log in, no attendees' form",
            trigger: ".modal.show.o_coop_event_refused_modal .o_coop_event_login",
        },
        {
            content: "No attendees' form was shown",
            trigger: "body:not(:has(form#attendee_registration))",
        },
    ],
});
