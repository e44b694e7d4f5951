import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * A counsellor imports a Spanish certificate from PDF on the migrant's card: "Import PDF",
 * add the file, "Read the PDFs", look at the proposal, "Import". The PDF is built by the
 * test that starts the tour and handed over as an attachment of the counsellor's.
 */
registry.category("web_tour.tours").add("mrc_skills_pdf_import", {
    steps: () => [
        {
            content: "Open the import from the migrant's card",
            trigger: ".o_form_view button.oe_stat_button:contains(Import PDF)",
            run: "click",
        },
        {
            content: "Add a document",
            trigger: ".modal .o_field_widget[name='document_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the certificate's PDF",
            trigger: ".modal .o_field_widget[name='document_ids'] .o_data_row input.o_input_file:not(:visible)",
            async run() {
                const [attachment] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
                    model: "ir.attachment",
                    method: "search_read",
                    args: [[["name", "=", "mrc_tour_certificado.pdf"]], ["datas"]],
                    kwargs: {},
                });
                const bytes = Uint8Array.from(atob(attachment.datas), (c) => c.charCodeAt(0));
                const file = new File([bytes], "certificado.pdf", { type: "application/pdf" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                const input = document.querySelector(
                    ".modal .o_field_widget[name='document_ids'] .o_data_row input.o_input_file"
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is in",
            trigger: ".modal .o_data_row .o_field_binary input.o_input:value(certificado.pdf)",
        },
        {
            content: "Read the PDFs",
            trigger: ".modal button[name='action_analyse']",
            run: "click",
        },
        {
            content: "Welding is proposed from the Spanish text",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains(Welding)",
        },
        {
            content: "The certificate number was read",
            trigger: ".modal .o_field_widget[name='document_ids'] .o_data_row:contains(CON-2025-TOUR)",
        },
        {
            content: "Import",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The new certification is listed, waiting for verification",
            trigger: ".o_list_view .o_data_row:contains(Tour PDF Holder):contains(Submitted)",
        },
    ],
});
