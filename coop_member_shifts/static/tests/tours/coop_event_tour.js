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
