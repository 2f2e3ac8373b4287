import { registry } from "@web/core/registry";

// The board of needs and offers, as three members' visits: Paula posts a need, Oscar answers
// it (the coop e-mails his answer to Paula), Paula closes it. The HttpCase test_board_tour.py logs each one in.

registry.category("web_tour.tours").add("coop_board_post_a_need", {
    url: "/my/board",
    steps: () => [
        {
            content: "Post a need or an offer",
            trigger: "a.o_coop_board_new",
            run: "click",
        },
        {
            content: "I need something",
            trigger: "input[name=kind][value=need]",
            run: "click",
        },
        {
            content: "Choose the category",
            trigger: "select[name=category_id]",
            run: "selectByLabel Tour tools",
        },
        {
            content: "Give the post a title",
            trigger: "input[name=name]",
            run: "edit A ladder for the weekend",
        },
        {
            content: "Describe it",
            trigger: "textarea[name=description]",
            run: "edit To paint the kitchen ceiling.",
        },
        {
            content: "Say where, roughly",
            trigger: "input[name=neighbourhood]",
            run: "edit La Source",
        },
        {
            content: "Publish",
            trigger: "button.o_coop_board_submit",
            run: "click",
        },
        {
            content: "The post is on its page",
            trigger: ".o_coop_board_post_title:contains(A ladder for the weekend)",
        },
    ],
});

registry.category("web_tour.tours").add("coop_board_answer_a_need", {
    url: "/my/board",
    steps: () => [
        {
            content: "Open the post on the board",
            trigger: "a.o_coop_board_post:contains(A ladder for the weekend)",
            run: "click",
        },
        {
            content: "The author's name is shown",
            trigger: ".o_coop_board_author:contains(Paula Board)",
        },
        {
            content: "Write an answer",
            trigger: "textarea[name=answer]",
            run: "edit I have one, I can bring it on Saturday.",
        },
        {
            content: "Send it: the coop delivers it to the author",
            trigger: "button.o_coop_board_answer",
            run: "click",
        },
        {
            content: "The answer is sent",
            trigger: ".o_coop_portal_message",
        },
    ],
});

registry.category("web_tour.tours").add("coop_board_close_a_need", {
    url: "/my/board",
    steps: () => [
        {
            content: "Open my post",
            trigger: ".o_coop_board_my_post a:contains(A ladder for the weekend)",
            run: "click",
        },
        {
            content: "Close my post",
            trigger: "button.o_coop_board_close",
            run: "click",
        },
        {
            content: "The post is closed",
            trigger: ".o_coop_portal_message",
        },
    ],
});
