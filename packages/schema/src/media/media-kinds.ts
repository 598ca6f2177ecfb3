/**
 * The kinds of media file a task can be made from, and the file-name extensions each is known by.
 * The dashboard sorts dropped files with these before sending anything; the server decides from
 * the file's bytes (see the API's media sniffing) and refuses a name that disagrees with them.
 */
export const MEDIA_KINDS = ["image", "video", "audio", "pdf", "pointcloud"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MEDIA_KIND_EXTENSIONS: Readonly<Record<MediaKind, readonly string[]>> = {
  image: [".png", ".jpg", ".jpeg", ".gif", ".webp"],
  video: [".mp4", ".m4v", ".mov", ".webm", ".mkv"],
  audio: [".mp3", ".wav", ".ogg", ".oga", ".flac", ".m4a"],
  pdf: [".pdf"],
  // JSON frames (the lidar editor's format), PCD, PLY, LAS and headerless KITTI `.bin` scans.
  // LAZ is named so that it reaches the server, which refuses it saying to convert it to LAS.
  pointcloud: [".json", ".pcd", ".ply", ".las", ".laz", ".bin"],
};

/** What people call each kind, for messages. */
export const MEDIA_KIND_NAMES: Readonly<Record<MediaKind, string>> = {
  image: "images",
  video: "videos",
  audio: "audio files",
  pdf: "PDFs",
  pointcloud: "point clouds (JSON frames, PCD, PLY, LAS or KITTI .bin)",
};

const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot).toLowerCase();
};

/** The kind a file name says it holds, or undefined for names of no known kind. */
export const mediaKindOfName = (fileName: string): MediaKind | undefined =>
  MEDIA_KINDS.find((kind) => MEDIA_KIND_EXTENSIONS[kind].includes(extensionOf(fileName)));

/** Whether a name is a zip archive, which the dashboard unpacks into its files on the server. */
export const isZipName = (fileName: string) => extensionOf(fileName) === ".zip";

/** Names no one means to label: macOS resource forks, `.DS_Store`, `Thumbs.db`, hidden files. */
export const isSystemFileName = (path: string) => {
  const parts = path.split("/");
  const base = parts.at(-1) ?? "";
  return parts.includes("__MACOSX") || base.startsWith(".") || base.toLowerCase() === "thumbs.db";
};

/** "images or PDFs" */
export const describeMediaKinds = (kinds: readonly MediaKind[]) => {
  const names = kinds.map((kind) => MEDIA_KIND_NAMES[kind]);
  return names.length <= 1
    ? (names[0] ?? "no files")
    : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
};
