import { registry } from "@web/core/registry";

/**
 * The migrant's path on the portal: log in, find a safe vacancy, say "I am interested"
 * (agreeing to share the profile), then lodge a complaint against an organisation.
 * Data (the migrant, the vacancy, the organisation) come from the test that starts it.
 */
registry.category("web_tour.tours").add("mrc_jobs_portal_migrant", {
    url: "/web/login?redirect=/my",
    steps: () => [
        {
            content: "Type the login",
            trigger: "input[name='login']",
            run: "edit mrc_tour_migrant",
        },
        {
            content: "Type the password",
            trigger: "input[name='password']",
            run: "edit mrc_tour_migrant",
        },
        {
            content: "Log in",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "Open the safe vacancies",
            trigger: ".o_portal_docs a[href='/my/vacancies']",
            run: "click",
        },
        {
            content: "Search for a job",
            trigger: "#mrc_search",
            run: "edit Tour orchard picker",
        },
        {
            content: "Apply the filters",
            trigger: ".o_mrc_filter_apply",
            run: "click",
        },
        {
            content: "The filtered list is shown",
            trigger: "#mrc_search[value='Tour orchard picker']",
        },
        {
            content: "Open the vacancy",
            trigger: ".o_mrc_vacancy_card:contains('Tour orchard picker')",
            run: "click",
        },
        {
            content: "The page says plainly that there is no fee to pay",
            trigger: ".o_mrc_facts:contains('No fee to pay')",
        },
        {
            content: "Agree to share the profile",
            trigger: "#mrc_consent",
            run: "click",
        },
        {
            content: "Say I am interested",
            trigger: ".o_mrc_interest_button",
            run: "click",
        },
        {
            content: "The request is confirmed",
            trigger: ".o_mrc_interest_done",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger: ".o_portal_docs a[href='/my/complaints']",
            run: "click",
        },
        {
            content: "Start a complaint",
            trigger: ".o_mrc_new_complaint",
            run: "click",
        },
        {
            content: "Choose the organisation",
            trigger: "#mrc_organisation",
            run: "selectByLabel Tour Bad Agency",
        },
        {
            content: "Choose a category",
            trigger: ".o_mrc_categories .form-check:first-child input",
            run: "click",
        },
        {
            content: "Say what happened",
            trigger: "#mrc_description",
            run: "edit They kept my passport and asked me for a fee.",
        },
        {
            content: "Send the complaint",
            trigger: ".o_mrc_complaint_submit",
            run: "click",
        },
        {
            content: "The complaint is received",
            trigger: ".o_mrc_complaint_done",
        },
    ],
});
