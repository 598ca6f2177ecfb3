import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;

beforeAll(async () => {
  world = await startWorkspaceWorld();
});
afterAll(async () => {
  await world.stop();
});

const SAMPLE_RATE = 8000;

/**
 * A mono 16-bit PCM WAV made of parts: a tone at `hz` (0 for silence) for `seconds` each. Made
 * here, so the repository ships no audio files.
 */
const wav = (parts: readonly { hz: number; seconds: number }[]): Uint8Array => {
  const samples = parts.flatMap(({ hz, seconds }) =>
    Array.from({ length: Math.round(seconds * SAMPLE_RATE) }, (_, i) =>
      hz === 0 ? 0 : Math.round(Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE) * 12000),
    ),
  );
  const data = samples.length * 2;
  const bytes = Buffer.alloc(44 + data);
  bytes.write("RIFF", 0, "ascii");
  bytes.writeUInt32LE(36 + data, 4);
  bytes.write("WAVE", 8, "ascii");
  bytes.write("fmt ", 12, "ascii");
  bytes.writeUInt32LE(16, 16); // fmt chunk size
  bytes.writeUInt16LE(1, 20); // PCM
  bytes.writeUInt16LE(1, 22); // mono
  bytes.writeUInt32LE(SAMPLE_RATE, 24);
  bytes.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  bytes.writeUInt16LE(2, 32); // block align
  bytes.writeUInt16LE(16, 34); // bits per sample
  bytes.write("data", 36, "ascii");
  bytes.writeUInt32LE(data, 40);
  samples.forEach((sample, index) => bytes.writeInt16LE(sample, 44 + index * 2));
  return new Uint8Array(bytes);
};

const playhead = async (editor: Locator) =>
  Number(await editor.getByLabel("Playhead").getAttribute("data-playhead"));

/** Types a time into a field and commits it with Enter. */
const typeTime = async (field: Locator, time: string) => {
  await field.click();
  await field.press("Control+a");
  await field.pressSequentially(time);
  await field.press("Enter");
};

const waitFor = async (page: Page, check: () => Promise<boolean>, what: string) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting until ${what}`);
};

describe("transcribing audio in the workspace", () => {
  it("plays and pauses the audio, adds timed segments, drags a region edge, and stores the transcript", async () => {
    // 4 s: a tone, silence, another tone, silence.
    const audio = wav([
      { hz: 440, seconds: 1 },
      { hz: 0, seconds: 1 },
      { hz: 660, seconds: 1 },
      { hz: 0, seconds: 1 },
    ]);
    const attachment = await world.uploadFile("tones.wav", audio, "audio/wav");
    const taskId = await world.createTask("audiotranscription", {
      instruction: "Transcribe what is said.",
      attachment,
      attachment_type: "audio",
    });
    const { page, context } = await world.newTasker({ types: ["audiotranscription"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const editor = page.locator('section[aria-label="Editor"]');
      // The waveform is decoded and drawn, and the audio's length is known.
      await editor.locator('[data-waveform-status="ready"]').waitFor();
      await editor.getByLabel("Playhead").filter({ hasText: "/ 0:04.00" }).waitFor();

      // Play, then pause with Space (focus away from any button, so the key is the player's).
      await editor.getByRole("button", { name: "Play", exact: true }).click();
      await waitFor(page, async () => (await playhead(editor)) > 0.3, "the audio plays");
      await editor.getByRole("heading", { name: /Segments/u }).click();
      await page.keyboard.press("Space");
      await editor.getByRole("button", { name: "Play", exact: true }).waitFor();
      const paused = await playhead(editor);
      await page.waitForTimeout(400);
      expect(await playhead(editor)).toBe(paused);
      // → seeks a second on.
      await page.keyboard.press("ArrowRight");
      await waitFor(
        page,
        async () => Math.abs((await playhead(editor)) - Math.min(4, paused + 1)) < 0.01,
        "ArrowRight seeks",
      );

      // Segment 1: A adds one at the playhead; its times typed, then its words.
      await page.keyboard.press("a");
      const fresh = editor.getByRole("group", { name: "New segment" });
      await typeTime(fresh.getByRole("textbox", { name: "End", exact: true }), "1");
      await typeTime(fresh.getByRole("textbox", { name: "Start", exact: true }), "0");
      await fresh.getByRole("textbox", { name: "Words", exact: true }).fill("Hello there");
      await fresh.getByRole("textbox", { name: "Words", exact: true }).press("Enter");
      await editor.getByText("Segments (1)").waitFor();

      // Segment 2: the button adds one at the playhead; words first, then its times.
      await editor.getByRole("button", { name: "Add segment at playhead" }).click();
      await fresh.getByRole("textbox", { name: "Words", exact: true }).fill("General Kenobi");
      await fresh.getByRole("textbox", { name: "Words", exact: true }).press("Enter");
      await editor.getByText("Segments (2)").waitFor();
      const second = () => editor.getByRole("listitem", { name: "Segment 2" });
      await typeTime(second().getByRole("textbox", { name: "End", exact: true }), "3");
      await typeTime(second().getByRole("textbox", { name: "Start", exact: true }), "2");
      await waitFor(
        page,
        async () =>
          (await second().getByRole("textbox", { name: "Start", exact: true }).inputValue()) ===
          "0:02.00",
        "segment 2 starts at 2 s",
      );

      // Drag segment 2's end edge from 3 s to 3.5 s on the waveform (4 s wide).
      const box = await editor.getByRole("group", { name: "Waveform" }).boundingBox();
      if (!box) throw new Error("no waveform");
      const xOf = (seconds: number) => box.x + (box.width * seconds) / 4;
      const y = box.y + box.height / 2;
      await page.mouse.move(xOf(3) - 2, y);
      await page.mouse.down();
      await page.mouse.move(xOf(3.25), y, { steps: 5 });
      await page.mouse.move(xOf(3.5) - 2, y, { steps: 5 });
      await page.mouse.up();
      await waitFor(
        page,
        async () =>
          (await second().getByRole("textbox", { name: "End", exact: true }).inputValue()) !==
          "0:03.00",
        "the region's end moves",
      );

      await world.screenshot(page, "label-audiotranscription");
      await world.submit(page);

      const response = (await world.storedResponse(taskId)) as {
        transcript: string;
        duration: number;
        alignment: { word: string; start: number; end: number }[];
      };
      expect(response.transcript).toBe("Hello there\nGeneral Kenobi");
      expect(response.duration).toBe(4);
      const [hello, there, general, kenobi] = response.alignment;
      expect(response.alignment).toHaveLength(4);
      // Words share their segment's time in proportion to their length.
      expect(hello).toEqual({ word: "Hello", start: 0, end: 0.5 });
      expect(there).toEqual({ word: "there", start: 0.5, end: 1 });
      expect(general?.word).toBe("General");
      expect(kenobi?.word).toBe("Kenobi");
      expect(general?.start).toBe(2);
      // The dragged end, within the drag's pixel resolution.
      const end = kenobi?.end ?? 0;
      expect(end).toBeGreaterThan(3.4);
      expect(end).toBeLessThan(3.55);
      expect(general?.end).toBeCloseTo(2 + ((end - 2) * 7) / 13, 2);
      expect(kenobi?.start).toBe(general?.end);
    } finally {
      await context.close();
    }
  });
});
