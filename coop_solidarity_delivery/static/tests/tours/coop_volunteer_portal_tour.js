import { registry } from "@web/core/registry";

/** The ISO date ``days`` days from today (the holiday's last day). */
function isoDateIn(days) {
    const day = new Date();
    day.setDate(day.getDate() + days);
    const pad = (number) => String(number).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

registry.category("web_tour.tours").add("coop_solidarity_delivery_volunteer_portal", {
    url: "/my",
    steps: () => [
        {
            content: "Open my delivery volunteering",
            trigger: "a[href='/my/volunteer']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "I no longer call members",
            trigger: "input[name=coop_can_call]:checked",
            run: "click",
        },
        {
            content: "I go by bike",
            trigger: "select[name=coop_transport]",
            run: "select bike",
        },
        {
            content: "I go up to 4 km",
            trigger: "input[name=coop_radius_km]",
            run: "edit 4",
        },
        {
            content: "Three deliveries a week at most",
            trigger: "input[name=coop_weekly_max]",
            run: "edit 3",
        },
        {
            content: "Save my profile",
            trigger: ".o_coop_volunteer_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The profile is saved",
            trigger: ".o_coop_volunteer_message",
        },
        {
            content: "On holiday for a week",
            trigger: "input[name=paused_until]",
            run() {
                // A date field's value is set as the browser's date picker does.
                this.anchor.value = isoDateIn(7);
            },
        },
        {
            content: "Pause my offers",
            trigger: ".o_coop_volunteer_pause_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "I am on holiday",
            trigger: ".o_coop_volunteer_paused",
        },
        {
            content: "Back early",
            trigger: ".o_coop_volunteer_resume",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Offers can come again",
            trigger: ".o_coop_volunteer_pause_button",
        },
    ],
});
