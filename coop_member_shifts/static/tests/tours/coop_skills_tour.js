import { registry } from "@web/core/registry";

// A member adds a skill that needs confirmation, sees it waiting, then removes it.
registry.category("web_tour.tours").add("coop_member_shifts_my_skills", {
    url: "/my/skills",
    steps: () => [
        {
            content: "Choose a skill that a coordinator confirms",
            trigger: "select#coop_skill_id",
            run: "selectByLabel Tour forklift licence",
        },
        {
            content: "Add it",
            trigger: ".o_coop_add_skill button[type=submit]",
            run: "click",
        },
        {
            content: "The skill is there, awaiting confirmation",
            trigger: ".o_coop_my_skill:contains('Tour forklift licence') .o_coop_skill_awaiting",
        },
        {
            content: "Remove it",
            trigger: ".o_coop_my_skill:contains('Tour forklift licence') .o_coop_skill_remove",
            run: "click",
        },
        {
            content: "The skill is gone",
            trigger: ".o_coop_portal_message",
        },
        {
            content: "No skill left",
            trigger: ".o_coop_no_skill",
        },
    ],
});
