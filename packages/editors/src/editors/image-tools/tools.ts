import { GEOMETRY_TYPES } from "@taskforge/schema";
import type { Geometries, GeometryType } from "@taskforge/schema";

import type { Shortcut } from "../types";

export type Tool = "select" | "pan" | GeometryType;

/** Each tool's single-key shortcut (ignored while typing in a field). */
export const TOOL_KEYS: Record<Tool, string> = {
  select: "V",
  pan: "H",
  box: "B",
  polygon: "P",
  line: "L",
  point: "K",
  ellipse: "E",
  cuboid: "C",
};

export const TOOL_NAMES: Record<Tool, string> = {
  select: "Select",
  pan: "Pan",
  box: "Box",
  polygon: "Polygon",
  line: "Line",
  point: "Point",
  ellipse: "Ellipse",
  cuboid: "Cuboid",
};

/** Select and pan, then a drawing tool per geometry the params enable, in the schema's order. */
export const toolsFor = (geometries: Geometries): Tool[] => [
  "select",
  "pan",
  ...GEOMETRY_TYPES.filter((type) => geometries[type] !== undefined),
];

export const isGeometryTool = (tool: Tool): tool is GeometryType =>
  tool !== "select" && tool !== "pan";

/** The shortcuts of the drawing canvas, as the workspace's help lists them. */
export const CANVAS_SHORTCUTS: readonly Shortcut[] = [
  ...(Object.keys(TOOL_KEYS) as Tool[]).map((tool) => ({
    keys: TOOL_KEYS[tool],
    action: `${TOOL_NAMES[tool]} tool`,
  })),
  { keys: "Delete / Backspace", action: "Delete the selected shape (or the selected vertex)" },
  { keys: "Enter / double-click", action: "Finish the polygon or line being drawn" },
  { keys: "Escape", action: "Cancel the drawing, then clear the selection" },
  { keys: "Space + drag / middle button", action: "Pan" },
  { keys: "Wheel", action: "Zoom about the cursor" },
  { keys: "F", action: "Fit the image to the screen" },
];

/** A v4 uuid; `crypto.randomUUID` only exists in secure contexts, so it is built from random bytes. */
export const newUuid = (): string => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
