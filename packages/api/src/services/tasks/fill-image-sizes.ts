import pLimit from "p-limit";
import {
  CreateTaskCallerInputSchema,
  getTaskType,
  isRecord,
  zodIssuesToResponseIssues,
} from "@taskforge/schema";
import type { ImageSizeSource, ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import type { Scope } from "../../scope";
import { probeImageSize } from "../files/probe-image-size";
import type { ImageSizeProbe } from "../files/probe-image-size";

/**
 * The probes of one create call, by attachment URL: a bulk create reads each image once, and
 * validating the same inputs again (see `writePreparedTasks`) reads none.
 */
export type ImageSizeProbes = Map<string, Promise<ImageSizeProbe>>;

// Downloads at once per call: enough to hide latency, few enough not to flood one image host.
const PROBE_CONCURRENCY = 8;

type Input = Record<string, unknown>;
type Outcome = Input | ResponseIssue[];
/** What to do for one input: nothing more (an outcome), or read the size of `attachment`. */
type Plan =
  | { read: false; outcome: Outcome }
  | { read: true; input: Input; params: Input; source: ImageSizeSource; attachment: string };

/**
 * Nothing to read when the input's type reads no size or the caller gave it; issues when the
 * input is invalid anyway (nothing is fetched for it); else its attachment is to be read.
 */
const planFor = (input: Input): Plan => {
  const type = typeof input.type === "string" ? getTaskType(input.type) : undefined;
  const source = type?.imageSizeFrom;
  const { params } = input;
  if (!source || !isRecord(params)) return { read: false, outcome: input };
  const [width, height] = [params[source.width], params[source.height]];
  if (width !== undefined && height !== undefined) return { read: false, outcome: input };
  const checked = CreateTaskCallerInputSchema.safeParse(input);
  if (!checked.success) return { read: false, outcome: zodIssuesToResponseIssues(checked.error) };
  const attachment = params[source.attachment];
  // The caller form refuses one dimension without the other; the stored form checks the rest.
  if (width !== undefined || height !== undefined || typeof attachment !== "string") {
    return { read: false, outcome: input };
  }
  return { read: true, input, params, source, attachment };
};

/**
 * For create inputs (project params already merged in) whose type reads its image size from its
 * attachment (`imageSizeFrom`) and that leave it out: reads it, at most `PROBE_CONCURRENCY` images
 * at a time, and returns the input with the size in its params, or the issues that make it
 * invalid (its attachment could not be read). Other inputs come back as they are, without I/O.
 */
export const fillImageSizes = async (
  db: DbClient,
  scope: Scope,
  inputs: readonly Input[],
  probes: ImageSizeProbes,
): Promise<Outcome[]> => {
  const plans = inputs.map(planFor);
  const limit = pLimit(PROBE_CONCURRENCY);
  const probe = (attachment: string) => {
    let probed = probes.get(attachment);
    if (!probed) {
      probed = limit(() => probeImageSize(db, scope, attachment));
      probes.set(attachment, probed);
    }
    return probed;
  };
  return Promise.all(
    plans.map(async (plan): Promise<Outcome> => {
      if (!plan.read) return plan.outcome;
      const { input, params, source, attachment } = plan;
      const probed = await probe(attachment);
      if (!probed.ok) return [{ path: ["params", source.attachment], message: probed.message }];
      const { width, height } = probed.size;
      return { ...input, params: { ...params, [source.width]: width, [source.height]: height } };
    }),
  );
};
