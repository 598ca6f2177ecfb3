import {
  generateLidarScene,
  generateMaskImage,
  lidarDemoParams,
  maskDemoParams,
} from "@taskforge/schema";
import type { TaskType } from "@taskforge/schema";

import {
  FRAME_SIZE,
  frameSvg,
  invoiceSvg,
  SCENE_SIZE,
  sceneSvg,
  shapeSvg,
  tonesWav,
} from "./attachments";
import type { Shape } from "./attachments";

/** A file the seed stores through the files service before creating the task that uses it. */
export type DemoFile = { name: string; contentType: string; body: string | Uint8Array };

export type DemoTask = {
  /** The task's unique_id: what makes the seed idempotent. */
  uniqueId: string;
  /** Generated only when the task is created (a lidar scene is megabytes). */
  files: () => DemoFile[];
  /** The task's params, given the `taskforge://files/<id>` URLs of `files` in order. */
  params: (attachments: string[]) => Record<string, unknown>;
};

export type DemoProject = { type: TaskType; name: string; instruction: string; tasks: DemoTask[] };

const svgFile = (name: string, body: string): DemoFile => ({
  name,
  contentType: "image/svg+xml",
  body,
});

const first = (attachments: string[]) => attachments[0] ?? "";

/** The generator's default frame size: a realistic scan, small enough for a first start. */
const LIDAR_POINTS_PER_FRAME = 100_000;
let generatedMask: ReturnType<typeof generateMaskImage> | undefined;
const maskImage = () => (generatedMask ??= generateMaskImage());

const SHAPES: [Shape, string][] = [
  ["circle", "#2563eb"],
  ["square", "#16a34a"],
  ["triangle", "#ea580c"],
];

const NER_TEXTS = [
  "Ada Lovelace wrote the first program in London in 1843.",
  "Grace Hopper joined Harvard University in 1944.",
  "Alan Turing worked at Bletchley Park during the war.",
];

const COMPARISONS: [string, string, string][] = [
  [
    "What is the capital of France?",
    "The capital of France is Paris.",
    "France's capital is Lyon, on the Rhône.",
  ],
  [
    "How many legs does a spider have?",
    "Spiders have eight legs.",
    "Spiders have six legs, like all insects.",
  ],
  [
    "What does a thermometer measure?",
    "A thermometer measures temperature.",
    "It measures how hot or cold something is, i.e. its temperature.",
  ],
];

/** One demo project per task type the workspace has an editor for, with a few tasks each. */
export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    type: "categorization",
    name: "demo-categorization",
    instruction: "Which **shape** is in the picture? Choose one.",
    tasks: SHAPES.map(([shape, color], i) => ({
      uniqueId: `demo-categorization-${i + 1}`,
      files: () => [svgFile(`${shape}.svg`, shapeSvg(shape, color))],
      params: (files) => ({
        attachment_type: "image",
        attachment: first(files),
        categories: ["circle", "square", "triangle"],
      }),
    })),
  },
  {
    type: "imageannotation",
    name: "demo-imageannotation",
    instruction:
      "Draw a **box** around every car, pedestrian and tree. Boxes should touch the object's edges.",
    tasks: [60, 200, 320].map((carX, i) => ({
      uniqueId: `demo-imageannotation-${i + 1}`,
      files: () => [svgFile(`street-${i + 1}.svg`, sceneSvg(carX))],
      params: (files) => ({
        attachment_type: "image",
        attachment: first(files),
        image_width: SCENE_SIZE.width,
        image_height: SCENE_SIZE.height,
        geometries: {
          box: { objects_to_annotate: ["car", "pedestrian", "tree"], min_width: 5, min_height: 5 },
        },
      }),
    })),
  },
  {
    type: "videoannotation",
    name: "demo-videoannotation",
    instruction: "Follow the **ball** with a box in every frame; keep the same track.",
    tasks: [6, 8].map((frames, i) => ({
      uniqueId: `demo-videoannotation-${i + 1}`,
      files: () =>
        Array.from({ length: frames }, (_, f) =>
          svgFile(`clip-${i + 1}-frame-${f + 1}.svg`, frameSvg(f, frames)),
        ),
      params: (files) => ({
        attachment_type: "image",
        attachments: files,
        frame_rate: 2,
        frame_width: FRAME_SIZE.width,
        frame_height: FRAME_SIZE.height,
        geometries: { box: { objects_to_annotate: ["ball"], min_width: 4, min_height: 4 } },
      }),
    })),
  },
  {
    type: "documenttranscription",
    name: "demo-documenttranscription",
    instruction: "Transcribe the vendor's name and the invoice number and total, each with a box.",
    tasks: [
      ["Acme Supplies", "INV-1042", "$1,240.00"],
      ["Globex Labs", "INV-2210", "$318.50"],
    ].map(([vendor = "", number = "", total = ""], i) => ({
      uniqueId: `demo-documenttranscription-${i + 1}`,
      files: () => [svgFile(`invoice-${i + 1}.svg`, invoiceSvg(vendor, number, total))],
      params: (files) => ({
        attachments: files,
        features: [
          { type: "text", label: "vendor_name", flags: ["line"] },
          {
            type: "block",
            label: "invoice_field",
            flags: ["key", "value"],
            fields: [{ key: "invoice_number" }, { key: "total" }],
          },
        ],
      }),
    })),
  },
  {
    type: "textcollection",
    name: "demo-textcollection",
    instruction: "Read the review, then summarize it and rate it.",
    tasks: [
      "The blender is loud but crushes ice in seconds. Cleaning it is a chore.",
      "Lovely little café: great coffee, friendly staff, but few seats.",
      "The charger stopped working after a week and support never answered.",
    ].map((review, i) => ({
      uniqueId: `demo-textcollection-${i + 1}`,
      files: () => [],
      params: () => ({
        attachments: [{ type: "text", content: review }],
        fields: [
          { field_id: "summary", type: "text", title: "One-sentence summary" },
          {
            field_id: "sentiment",
            type: "category",
            title: "Sentiment",
            choices: [
              { label: "Positive", value: "positive" },
              { label: "Mixed", value: "mixed" },
              { label: "Negative", value: "negative" },
            ],
          },
          { field_id: "stars", type: "number", title: "Stars (1-5)", min: 1, max: 5 },
        ],
      }),
    })),
  },
  {
    type: "namedentityrecognition",
    name: "demo-namedentityrecognition",
    instruction: "Select every **person**, **organization**, **location** and **date**.",
    tasks: NER_TEXTS.map((text, i) => ({
      uniqueId: `demo-namedentityrecognition-${i + 1}`,
      files: () => [],
      params: () => ({ text, labels: ["person", "organization", "location", "date"] }),
    })),
  },
  {
    type: "comparison",
    name: "demo-comparison",
    instruction: "Which answer is better? Say why in a sentence.",
    tasks: COMPARISONS.map(([question, a, b], i) => ({
      uniqueId: `demo-comparison-${i + 1}`,
      files: () => [],
      params: () => ({
        attachments: [
          { type: "text", content: `${question}\n\nAnswer A: ${a}` },
          { type: "text", content: `${question}\n\nAnswer B: ${b}` },
        ],
        choices: ["A is better", "B is better", "equally good"],
        require_rationale: true,
      }),
    })),
  },
  {
    type: "audiotranscription",
    name: "demo-audiotranscription",
    instruction:
      "Transcribe what you hear. These demo clips are tones: write the number of beeps as a word.",
    tasks: [2, 3].map((beeps, i) => ({
      uniqueId: `demo-audiotranscription-${i + 1}`,
      files: () => [
        {
          name: `beeps-${beeps}.wav`,
          contentType: "audio/wav",
          body: tonesWav(
            Array.from({ length: beeps }, () => [
              { hz: 660, seconds: 0.25 },
              { hz: 0, seconds: 0.25 },
            ]).flat(),
          ),
        },
      ],
      params: (files) => ({ attachment_type: "audio", attachment: first(files) }),
    })),
  },
  {
    type: "lidarsegmentation",
    name: "demo-lidarsegmentation",
    instruction:
      "Label every point of the street scene: ground, buildings, poles, the vehicle and noise. " +
      "Label frame 1, then copy static labels to the next frames and fix the vehicle.",
    tasks: [
      {
        uniqueId: "demo-lidarsegmentation-1",
        files: () =>
          generateLidarScene().frames.map((frame, i) => ({
            name: `frame-${i + 1}.json`,
            contentType: "application/json",
            body: JSON.stringify(frame),
          })),
        params: (files) => lidarDemoParams(files, LIDAR_POINTS_PER_FRAME),
      },
    ],
  },
  {
    type: "segmentannotation",
    name: "demo-segmentannotation",
    instruction: "Paint the sky, the road, the car and the tree; leave nothing unlabeled.",
    tasks: [
      {
        uniqueId: "demo-segmentannotation-1",
        files: () => [{ name: "street.png", contentType: "image/png", body: maskImage().png }],
        params: (files) => maskDemoParams(first(files), maskImage()),
      },
    ],
  },
];
