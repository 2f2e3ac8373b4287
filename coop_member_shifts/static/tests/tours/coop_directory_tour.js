import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_member_shifts_directory", {
    url: "/my/directory/profile",
    steps: () => [
        {
            content: "Publish my profile",
            trigger: "#coop_profile_published",
            run: "check",
        },
        {
            content: "Show my name",
            trigger: "#coop_profile_show_name",
            run: "check",
        },
        {
            content: "Show my neighbourhood",
            trigger: "#coop_profile_show_neighbourhood",
            run: "check",
        },
        {
            content: "Type my neighbourhood",
            trigger: "#coop_profile_neighbourhood",
            run: "edit Bourgogne",
        },
        {
            content: "Let members write to me",
            trigger: "#coop_profile_contactable",
            run: "check",
        },
        {
            content: "Save",
            trigger: ".o_coop_directory_profile_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The profile is saved",
            trigger: ".o_coop_portal_message",
        },
        {
            content: "Open the directory",
            trigger: ".o_coop_directory_profile_form a[href='/my/directory']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose a skill",
            trigger: "#coop_directory_skill",
            run: "selectByLabel Directory carpentry",
        },
        {
            content: "Search",
            trigger: ".o_coop_directory_search button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the card of the carpenter",
            trigger: ".o_coop_directory_card_link:contains('Olivier Directory')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Write a message",
            trigger: "#coop_directory_body",
            run: "edit Could you help me build a shelf?",
        },
        {
            content: "Send it through the coop",
            trigger: ".o_coop_directory_contact button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The message is on its way",
            trigger: ".o_coop_portal_message",
        },
    ],
});
