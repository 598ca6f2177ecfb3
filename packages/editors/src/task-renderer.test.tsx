import { TASK_TYPE_IDS, taskTypes } from "@taskforge/schema";
import type { TaskType } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { TaskRenderer } from "./task-renderer";

const example = (type: TaskType, index = 0) => {
  const found = taskTypes[type].examples[index];
  if (!found) throw new Error(`${type} has no example ${index}`);
  return found;
};

const render = (type: string, params: unknown, response?: unknown) =>
  renderToStaticMarkup(<TaskRenderer type={type} params={params} response={response} />);

const renderExample = (type: TaskType, index = 0) => {
  const { params, response } = example(type, index);
  return render(type, params, response);
};

describe("TaskRenderer on every registry example", () => {
  for (const type of TASK_TYPE_IDS) {
    taskTypes[type].examples.forEach((fixture, index) => {
      it(`${type}: "${fixture.name}" renders without a schema warning`, () => {
        const html = renderExample(type, index);
        expect(html.length).toBeGreaterThan(100);
        expect(html).not.toContain("does not match");
      });
    });
  }
});

describe("categorization", () => {
  it("marks the chosen category and only it", () => {
    const html = renderExample("categorization");
    expect(html).toMatch(/<li data-chosen="true"[^>]*>.*?small/);
    expect(html).toMatch(/<li data-chosen="false"[^>]*>big/);
    expect(html).toContain("<blockquote");
    expect(html).toContain(">car</blockquote>");
  });

  it("marks several categories and shows an image attachment", () => {
    const html = renderExample("categorization", 1);
    expect(html.match(/data-chosen="true"/g)).toHaveLength(2);
    expect(html).toContain('src="https://example.com/pets.jpg"');
    expect(html).toContain("Any domestic cat");
  });
});

describe("imageannotation", () => {
  it("draws a box as an SVG rect at its coordinates, over the image, with a legend", () => {
    const html = renderExample("imageannotation");
    expect(html).toContain('src="https://example.com/street.jpg"');
    expect(html).toContain('viewBox="0 0 1280 720"');
    expect(html).toMatch(/<g data-uuid="0a4b7d1c-0001" data-type="box" data-label="car">/);
    expect(html).toMatch(/<rect x="120" y="300" width="220" height="140"/);
    expect(html).toMatch(/<rect x="700" y="280" width="40" height="110"/);
    expect(html).toMatch(/<ul aria-label="Legend"[^>]*>.*car.*pedestrian/);
    expect(html).toContain("is_night");
  });

  it("draws every geometry: rotated box, polygon, line, points with their connection, ellipse, cuboid", () => {
    const html = renderExample("imageannotation", 1);
    expect(html).toMatch(
      /<rect x="40" y="40" width="30" height="20" transform="rotate\(17.19 55 50\)"/,
    );
    expect(html).toContain('<polygon points="300,50 420,50 420,200 300,200"');
    expect(html).toContain('<polyline points="10,470 200,300" fill="none"');
    expect(html).toMatch(/<circle cx="100" cy="200"/);
    expect(html).toMatch(/<line x1="100" y1="200" x2="130" y2="240" stroke="#0f172a"/);
    expect(html).toMatch(
      /<ellipse cx="500" cy="400" rx="30" ry="20" transform="rotate\(5.73 500 400\)"/,
    );
    expect(html).toContain('<line x1="550" y1="250" x2="600" y2="240"');
    expect(html).toContain("Image with 7 annotations");
  });

  it("shows the image without shapes before there is a response", () => {
    const { params } = example("imageannotation");
    const html = render("imageannotation", params);
    expect(html).toContain("No response yet.");
    expect(html).not.toContain("data-uuid");
  });
});

describe("videoannotation", () => {
  it("lists the frames and draws the first frame's annotations on its image", () => {
    const html = renderExample("videoannotation");
    expect(html.match(/aria-label="Frame \d, 1 annotation"/g)).toHaveLength(3);
    expect(html).toContain('src="https://example.com/clip/frame-0000.jpg"');
    expect(html).toMatch(/<rect x="100" y="300" width="200" height="120"/);
    expect(html).toContain("lane_change");
    expect(html).toContain("frames 0–2");
  });

  it("plays a video file and lists the frames its response uses", () => {
    // Without frame_rate the player waits for the rate read from the file (in the browser).
    expect(renderExample("videoannotation", 1)).toContain("Loading the video…");
    const { params, response } = example("videoannotation", 1);
    const html = render(
      "videoannotation",
      { ...(params as Record<string, unknown>), frame_rate: 10 },
      response,
    );
    expect(html).toMatch(/<video [^>]*src="https:\/\/example.com\/clip.mp4"/);
    expect(html).toContain('aria-label="Frame 5, 1 annotation"');
    // The shapes wait until the player shows their frame (in the browser); the table lists them.
    expect(html).not.toMatch(/<circle/);
    expect(html).toMatch(/<td[^>]*>point<\/td>/);
    expect(html).toContain("frame 5");
  });
});

describe("lidarsegmentation", () => {
  it("summarizes frames and the label histogram", () => {
    const html = renderExample("lidarsegmentation");
    expect(html).toContain("https://example.com/scene/frame-0.json");
    expect(html).toContain("6 of 6");
    expect(html).toMatch(/road<\/span>.*3 points \(50%\)/);
    expect(html).toMatch(/car<\/span>.*2 points \(33.3%\)/);
    expect(html).toMatch(/unlabeled<\/span>.*1 point \(16.7%\)/);
  });

  it("draws inline frames top-down, each point in its label's colour", () => {
    const { params, response } = example("lidarsegmentation");
    const html = renderToStaticMarkup(
      <TaskRenderer
        type="lidarsegmentation"
        params={params}
        response={response}
        lidarFrames={[
          {
            points: [
              [0, 0, 0],
              [1, 0, 0],
              [2, 0, 0],
              [3, 0, 0],
              [4, 5, 0],
              [5, 5, 0],
            ],
          },
        ]}
      />,
    );
    expect(html).toContain('aria-label="Top-down view of 6 points"');
    expect(html).toMatch(/<circle cx="4" cy="-5" r="[\d.]+" fill="#ff0000"/);
  });
});

describe("documenttranscription", () => {
  it("draws each page's boxes with their text and answers", () => {
    const html = renderExample("documenttranscription");
    expect(html).toContain("Page 1");
    expect(html).toContain("Page 2");
    expect(html).toMatch(/<rect x="60" y="120" width="240" height="24"/);
    expect(html).toMatch(/<rect x="1391.97" y="821.98" width="77.02" height="26.02"/);
    expect(html).toContain("Invoice # 10-442");
    expect(html).toContain("invoice_number, due_date");
  });

  it("shows a checkbox answer", () => {
    const html = renderExample("documenttranscription", 1);
    expect(html).toMatch(/checked:<\/span> yes/);
  });
});

describe("textcollection", () => {
  it("shows each field's answer, a category by its choice's label", () => {
    const html = renderExample("textcollection");
    expect(html).toMatch(/data-field="topic"[^>]*>News</);
    expect(html).toMatch(/data-field="safe"[^>]*>yes</);
    expect(html).toMatch(/data-field="quality"[^>]*>3</);
    expect(html).toContain('href="https://www.example.com"');
  });

  it("joins several answers", () => {
    expect(renderExample("textcollection", 1)).toMatch(/data-field="keywords"[^>]*>launch, plan</);
  });
});

describe("namedentityrecognition", () => {
  it("wraps each entity's exact text in a mark with its label", () => {
    const html = renderExample("namedentityrecognition");
    expect(html).toMatch(/<mark data-entity="e1" data-label="person"[^>]*>Ada Lovelace<\/mark>/);
    expect(html).toMatch(/<mark data-entity="e2" data-label="location"[^>]*>London<\/mark>/);
    expect(html).toContain(" was born in ");
  });

  it("lists relationships by their entities' text", () => {
    const html = renderExample("namedentityrecognition", 1);
    expect(html).toMatch(
      /Grace Hopper<\/span> <span[^>]*>→ works_for →<\/span> <span[^>]*>Harvard/,
    );
  });

  it("escapes HTML in the text", () => {
    const html = render(
      "namedentityrecognition",
      { text: "<b>bold</b> Bob", labels: ["person"] },
      { annotations: [{ id: "b", start: 12, end: 15, text: "Bob", label: "person" }] },
    );
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).toMatch(/data-label="person"[^>]*>Bob<\/mark>/);
  });
});

describe("comparison", () => {
  it("shows the outputs side by side with the chosen option", () => {
    const html = renderExample("comparison");
    expect(html).toContain("Paris is the capital of France.");
    expect(html).toMatch(/<li data-chosen="true"[^>]*>.*first is better/);
    expect(html).toContain("The second answer is wrong.");
  });

  it("shows each output's rank and ratings", () => {
    const html = renderExample("comparison", 1);
    expect(html).toMatch(/data-rank="2"[^>]*>.*?Output 1.*?Rank 2.*?a\.png.*?3 \/ 5/);
    expect(html).toMatch(/data-rank="1"[^>]*>.*?Output 3.*?Rank 1/);
    expect(html).toContain("Output 3 › Output 1 › Output 2");
  });
});

describe("audiotranscription", () => {
  it("has a player, the transcript and each word's timing", () => {
    const html = renderExample("audiotranscription");
    expect(html).toContain('<audio controls="" preload="none" src="https://example.com/hello.mp3"');
    expect(html).toContain("Hello, world!");
    expect(html).toMatch(/0:00\.10<\/td><td[^>]*>0:00\.60<\/td><td[^>]*><button[^>]*>Hello</);
    expect(html).toContain("98%");
    expect(html).toContain('<rect x="67" width="333"');
  });
});

describe("segmentannotation", () => {
  it("sizes the mask canvas to the image and counts each label's pixels", () => {
    const html = renderExample("segmentannotation");
    expect(html).toMatch(/<canvas width="4" height="3"/);
    expect(html).toContain("road");
    expect(html).toContain("(6 px, 50%)");
    expect(html).toContain("(4 px, 33.3%)");
    expect(html).toContain("(2 px, 16.7%)");
  });

  it("reports a mask that does not decode", () => {
    const { params } = example("segmentannotation");
    const html = render("segmentannotation", params, {
      mask: { width: 4, height: 3, encoding: "rle", data: "AwAAAAEAAAA=" },
      label_map: { "1": "sky" },
    });
    expect(html).toContain("The mask cannot be decoded: runs cover 3 pixels");
    expect(html).not.toContain("<canvas");
  });
});

describe("bad data", () => {
  it("names an unknown type and shows the data as JSON", () => {
    const html = render("nope", { a: 1 });
    expect(html).toContain("No renderer for task type &quot;nope&quot;");
    expect(html).toContain("&quot;a&quot;: 1");
  });

  it("shows params that do not parse, with the path of the problem", () => {
    expect(render("categorization", { attachment: "x", categories: ["a"] })).toContain(
      "attachment_type",
    );
  });

  it("falls back to JSON for a response that does not parse, still drawing the params", () => {
    const { params } = example("namedentityrecognition");
    const html = render("namedentityrecognition", params, { wrong: true });
    expect(html).toContain("The response does not match");
    expect(html).toContain("Ada Lovelace was born in London.");
  });
});
