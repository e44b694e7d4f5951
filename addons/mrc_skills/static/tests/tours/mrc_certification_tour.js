import { registry } from "@web/core/registry";

/**
 * A counsellor verifies a certificate a migrant uploaded: from the certifications board
 * (grouped by state) to the certificate's form, "Verify", and back to the board, where the
 * card now stands under "Verified". The data come from the test that starts the tour.
 */
registry.category("web_tour.tours").add("mrc_skills_verify_certificate", {
    steps: () => [
        {
            content: "Open the submitted certificate of the migrant",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains(Submitted)) " +
                ".o_kanban_record:contains(Tour Certificate Holder)",
            run: "click",
        },
        {
            content: "The form shows the certificate number",
            trigger: ".o_field_widget[name='number'] input:value(TOUR-CERT-0001)",
        },
        {
            content: "Verify it",
            trigger: ".o_form_view button[name='action_verify']",
            run: "click",
        },
        {
            content: "The certificate is verified",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Verified)",
        },
        {
            content: "Back to the board",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card stands under Verified",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains(Verified)) " +
                ".o_kanban_record:contains(Tour Certificate Holder)",
        },
    ],
});
