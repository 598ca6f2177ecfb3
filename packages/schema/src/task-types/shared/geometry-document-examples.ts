import type { TaskTypeExample } from "../definition";

/** Fixtures for documenttranscription, in the input form a customer and a Tasker would send. */
export const documentTranscriptionExamples: readonly TaskTypeExample[] = [
  {
    name: "an invoice: key/value pairs and a money amount (Scale's hypothesis example shape)",
    params: {
      attachments: [
        "https://example.com/invoice/page-1.png",
        "https://example.com/invoice/page-2.png",
      ],
      features: [
        {
          type: "block",
          label: "invoice_field",
          flags: ["key", "value"],
          fields: [{ key: "invoice_number" }, { key: "due_date" }],
        },
        { type: "block", label: "line_item_unit_price", flags: ["money"] },
        {
          type: "group",
          title: "Header",
          features: [{ type: "text", label: "vendor_name", flags: ["line"] }],
        },
      ],
    },
    response: {
      annotations: [
        {
          uuid: "f5114a62-0001",
          page: 0,
          label: "vendor_name",
          text: "ACME Corp.",
          location: { type: "box", top: 40, left: 60, width: 300, height: 32 },
          refs: [],
        },
        {
          uuid: "f5114a62-0002",
          page: 0,
          label: "invoice_field",
          text: "Invoice # 10-442",
          key: "invoice_number",
          value: "10-442",
          location: { type: "box", top: 120, left: 60, width: 240, height: 24 },
          refs: [],
        },
        {
          uuid: "74bf3036-0003",
          page: 1,
          label: "line_item_unit_price",
          text: "914.29",
          money: { amount: "914.29", currency: "USD" },
          location: { type: "box", top: 821.98, left: 1391.97, width: 77.02, height: 26.02 },
          refs: ["f5114a62-0002"],
        },
      ],
    },
  },
  {
    name: "a single scanned form with a checkbox",
    params: {
      attachment: "gs://bucket/forms/consent.jpg",
      features: [
        { type: "block", label: "signature_date", flags: ["date"] },
        { type: "block", label: "consent", flags: ["checkbox"] },
      ],
    },
    response: {
      annotations: [
        {
          uuid: "d1",
          page: 0,
          label: "signature_date",
          text: "12 March 2024",
          date: "2024-03-12",
          location: { type: "box", top: 900, left: 100, width: 200, height: 30 },
        },
        {
          uuid: "c1",
          page: 0,
          label: "consent",
          text: "I agree",
          checked: true,
          location: { type: "box", top: 950, left: 100, width: 120, height: 30 },
        },
      ],
    },
  },
];
