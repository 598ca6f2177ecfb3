// Demo attachments, generated at seed time: nothing is downloaded and nothing large ships in the
// repository. Pictures are SVG (every browser draws them in an <img>), sound is a WAV of tones.

const svg = (width: number, height: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;

export type Shape = "circle" | "square" | "triangle";

/** One shape on a plain background, for categorization. */
export const shapeSvg = (shape: Shape, color: string): string => {
  const figure = {
    circle: `<circle cx="160" cy="120" r="80" fill="${color}"/>`,
    square: `<rect x="80" y="40" width="160" height="160" fill="${color}"/>`,
    triangle: `<polygon points="160,30 260,210 60,210" fill="${color}"/>`,
  }[shape];
  return svg(320, 240, `<rect width="320" height="240" fill="#f1f5f9"/>${figure}`);
};

export const SCENE_SIZE = { width: 640, height: 400 };

/** A street scene of simple shapes (sky, road, a car, a tree, a pedestrian) to draw boxes on. */
export const sceneSvg = (carX: number): string =>
  svg(
    SCENE_SIZE.width,
    SCENE_SIZE.height,
    [
      `<rect width="640" height="260" fill="#bfdbfe"/>`,
      `<rect y="260" width="640" height="140" fill="#64748b"/>`,
      `<rect y="322" width="640" height="6" fill="#f8fafc"/>`,
      `<rect x="520" y="150" width="20" height="110" fill="#92400e"/>`,
      `<circle cx="530" cy="130" r="50" fill="#16a34a"/>`,
      `<rect x="${carX}" y="280" width="180" height="60" rx="12" fill="#dc2626"/>`,
      `<rect x="${carX + 30}" y="250" width="110" height="40" rx="8" fill="#ef4444"/>`,
      `<circle cx="${carX + 40}" cy="342" r="16" fill="#111827"/>`,
      `<circle cx="${carX + 140}" cy="342" r="16" fill="#111827"/>`,
      `<circle cx="420" cy="215" r="12" fill="#fcd34d"/>`,
      `<rect x="410" y="228" width="20" height="50" fill="#1d4ed8"/>`,
    ].join(""),
  );

export const FRAME_SIZE = { width: 480, height: 270 };

/** Frame `index` of a short clip: a ball rolling from left to right across a floor. */
export const frameSvg = (index: number, frames: number): string => {
  const x = 40 + Math.round(((FRAME_SIZE.width - 80) * index) / Math.max(1, frames - 1));
  return svg(
    FRAME_SIZE.width,
    FRAME_SIZE.height,
    [
      `<rect width="480" height="270" fill="#e0f2fe"/>`,
      `<rect y="210" width="480" height="60" fill="#a3a3a3"/>`,
      `<circle cx="${x}" cy="185" r="25" fill="#f97316"/>`,
      `<text x="12" y="24" font-family="sans-serif" font-size="14" fill="#334155">frame ${index + 1}</text>`,
    ].join(""),
  );
};

export const PAGE_SIZE = { width: 600, height: 800 };

/** A one-page invoice with a vendor, a number, a date and a total to transcribe. */
export const invoiceSvg = (vendor: string, number: string, total: string): string => {
  const line = (y: number, text: string, size = 16, weight = "normal") =>
    `<text x="48" y="${y}" font-family="sans-serif" font-size="${size}" font-weight="${weight}" fill="#0f172a">${text}</text>`;
  return svg(
    PAGE_SIZE.width,
    PAGE_SIZE.height,
    [
      `<rect width="600" height="800" fill="#ffffff"/>`,
      line(80, vendor, 28, "bold"),
      line(140, `Invoice number: ${number}`),
      line(170, "Date: 2026-11-02"),
      `<rect x="48" y="220" width="504" height="1" fill="#94a3b8"/>`,
      line(260, "2 × labeling hours"),
      line(290, "1 × review hour"),
      `<rect x="48" y="330" width="504" height="1" fill="#94a3b8"/>`,
      line(370, `Total: ${total}`, 20, "bold"),
    ].join(""),
  );
};

/**
 * A mono 16-bit PCM WAV of the given tones, one after another (frequency in Hz, seconds each),
 * with short fades so the tones do not click.
 */
export const tonesWav = (tones: readonly { hz: number; seconds: number }[], sampleRate = 8000) => {
  const samples = tones.reduce((n, tone) => n + Math.round(tone.seconds * sampleRate), 0);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) =>
    [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples * 2, true);
  let offset = 44;
  const fade = Math.round(sampleRate * 0.01);
  for (const tone of tones) {
    const count = Math.round(tone.seconds * sampleRate);
    for (let i = 0; i < count; i++) {
      const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
      const value = Math.sin((2 * Math.PI * tone.hz * i) / sampleRate) * 0.4 * envelope;
      view.setInt16(offset, Math.round(value * 32767), true);
      offset += 2;
    }
  }
  return bytes;
};
