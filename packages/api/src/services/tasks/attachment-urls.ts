import { ATTACHMENT_URL_PREFIX } from "@taskforge/schema";
import type { Task } from "@taskforge/schema";

import type { Scope } from "../../scope";
import { resolveAttachments } from "../files";

const readable = (url: string) => /^https?:\/\//i.test(url);

/**
 * `include_attachment_url`: each task with `attachment_url`, a URL its `params.attachment` can be
 * read from. An uploaded file (`taskforge://files/…`) gets a short-lived signed URL, an http(s)
 * attachment is its own URL; a task without a single readable attachment (inline text, frames)
 * gets none. One query for the page, whatever its size.
 */
export const withAttachmentUrls = async (
  scope: Scope,
  tasks: Task[],
  baseUrl: string | undefined,
): Promise<Task[]> => {
  const attachments = tasks.map((task) =>
    typeof task.params.attachment === "string" ? task.params.attachment : null,
  );
  const resolved = attachments.some((url) => url?.startsWith(ATTACHMENT_URL_PREFIX))
    ? await resolveAttachments(scope, attachments, { baseUrl })
    : attachments;
  return tasks.map((task, index) => {
    const url = resolved[index];
    return typeof url === "string" && readable(url) ? { ...task, attachment_url: url } : task;
  });
};
