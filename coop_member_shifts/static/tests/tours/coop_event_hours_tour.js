import { registry } from "@web/core/registry";

// Hours credited to the organisers: a shift coordinator opens an ended workshop, counts the
// hours of its organiser and host, opens their lines in the ledger and validates them. The
// HttpCase test_event_tour.py makes the event and opens its form.

registry.category("web_tour.tours").add("coop_event_hours_credited", {
    steps: () => [
        {
            content: "Open the event's organisers and hosts",
            trigger: ".o_notebook_headers a:contains(Organisers and Hosts)",
            run: "click",
        },
        {
            content: "Its organiser is listed",
            trigger: ".o_field_widget[name=coop_helper_ids] .o_data_row:contains(Olga Organiser)",
        },
        {
            content: "Count the hours now",
            trigger: "button[name=action_coop_propose_hours]",
            run: "click",
        },
        {
            content: "The ledger lines to validate open",
            trigger: ".o_list_view .o_data_row:contains(Organised: Atelier tour)",
        },
        {
            content: "Select both lines",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Validate them",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            content: "The organiser's line is validated",
            trigger: ".o_data_row:contains(Organised: Atelier tour) .badge:contains(Validated)",
        },
        {
            content: "The host's line is validated",
            trigger: ".o_data_row:contains(Hosted: Atelier tour) .badge:contains(Validated)",
        },
    ],
});
