import type { TaskType } from "../task-types/registry";
import { describeMediaKinds } from "./media-kinds";
import type { MediaKind } from "./media-kinds";

/**
 * How a task type takes one uploaded file as its attachment: which kinds of file it can label,
 * and the params that name the file. One entry per type (the `Record` makes a new type add one),
 * read by the dashboard's drop zone and by the server, which checks the file's bytes against it.
 */
export type FileAttachmentRule = {
  kinds: readonly MediaKind[];
  /** `read` holds what the server learned from the file's bytes (a point cloud's points, a PDF's pages). */
  params(
    url: string,
    kind: MediaKind,
    read?: { pointCount?: number | undefined; pageCount?: number | undefined },
  ): Record<string, unknown>;
};

const imageAttachment: FileAttachmentRule = {
  kinds: ["image"],
  params: (url) => ({ attachment: url, attachment_type: "image" }),
};

export const FILE_ATTACHMENT_RULES: Readonly<Record<TaskType, FileAttachmentRule | null>> = {
  categorization: imageAttachment,
  imageannotation: imageAttachment,
  // segmentannotation has no attachment_type other than image; its size is read from the header.
  segmentannotation: { kinds: ["image"], params: (url) => ({ attachment: url }) },
  // A video file, or one image as a one-frame video.
  videoannotation: {
    kinds: ["video", "image"],
    params: (url, kind) =>
      kind === "video"
        ? { attachment: url, attachment_type: "video" }
        : { attachments: [url], attachment_type: "image" },
  },
  // A scan, or a PDF whose pages the server counted when it checked the file.
  documenttranscription: {
    kinds: ["image", "pdf"],
    params: (url, _kind, read) =>
      read?.pageCount === undefined
        ? { attachment: url }
        : { attachment: url, page_count: read.pageCount },
  },
  audiotranscription: {
    kinds: ["audio"],
    params: (url) => ({ attachment: url, attachment_type: "audio" }),
  },
  // One scan as a one-frame sequence; its point count is known once the file is read.
  lidarsegmentation: {
    kinds: ["pointcloud"],
    params: (url, _kind, read) => ({
      attachments: [url],
      ...(read?.pointCount === undefined ? {} : { frame_point_counts: [read.pointCount] }),
    }),
  },
  textcollection: {
    kinds: ["image"],
    params: (url, kind) => ({ attachments: [{ type: kind, content: url }] }),
  },
  // Text and several outputs side by side: no single file makes such a task.
  namedentityrecognition: null,
  comparison: null,
  annotation: imageAttachment,
  polygonannotation: imageAttachment,
  lineannotation: imageAttachment,
  pointannotation: imageAttachment,
  cuboidannotation: imageAttachment,
};

export const fileAttachmentRuleOf = (type: string): FileAttachmentRule | null =>
  Object.hasOwn(FILE_ATTACHMENT_RULES, type) ? FILE_ATTACHMENT_RULES[type as TaskType] : null;

/** What a type's projects accept, for the drop zone's hint and refusals: "images or PDFs". */
export const acceptedFilesOf = (type: string) => {
  const rule = fileAttachmentRuleOf(type);
  return rule ? describeMediaKinds(rule.kinds) : null;
};
