import { getTaskType, isTaskType } from "@taskforge/schema";
import type { LidarFrame, TaskParams, TaskResponse, TaskType } from "@taskforge/schema";
import type { ComponentType } from "react";

import { JsonBlock } from "./components/common";
import { AudioTranscriptionRenderer } from "./renderers/audiotranscription";
import { CategorizationRenderer } from "./renderers/categorization";
import { ComparisonRenderer } from "./renderers/comparison";
import { DocumentTranscriptionRenderer } from "./renderers/documenttranscription";
import { ImageAnnotationRenderer } from "./renderers/imageannotation";
import { legacyImageRenderer } from "./renderers/legacy-image";
import { LidarSegmentationRenderer } from "./renderers/lidarsegmentation";
import { NamedEntityRecognitionRenderer } from "./renderers/namedentityrecognition";
import { SegmentAnnotationRenderer } from "./renderers/segmentannotation";
import { TextCollectionRenderer } from "./renderers/textcollection";
import { VideoAnnotationRenderer } from "./renderers/videoannotation";

export type RendererProps<T extends TaskType> = {
  params: TaskParams<T>;
  response: TaskResponse<T> | undefined;
};

/** One read-only renderer per task type; a new type adds its entry here (the compiler insists). */
export const RENDERERS: { [T in TaskType]: ComponentType<RendererProps<T>> } = {
  categorization: CategorizationRenderer,
  imageannotation: ImageAnnotationRenderer,
  videoannotation: VideoAnnotationRenderer,
  lidarsegmentation: LidarSegmentationRenderer,
  documenttranscription: DocumentTranscriptionRenderer,
  textcollection: TextCollectionRenderer,
  namedentityrecognition: NamedEntityRecognitionRenderer,
  comparison: ComparisonRenderer,
  audiotranscription: AudioTranscriptionRenderer,
  segmentannotation: SegmentAnnotationRenderer,
  annotation: legacyImageRenderer("annotation"),
  polygonannotation: legacyImageRenderer("polygonannotation"),
  lineannotation: legacyImageRenderer("lineannotation"),
  pointannotation: legacyImageRenderer("pointannotation"),
  cuboidannotation: legacyImageRenderer("cuboidannotation"),
};

const Problem = ({ message, value }: { message: string; value: unknown }) => (
  <div className="space-y-2">
    <p role="alert" className="text-sm text-amber-900">
      {message}
    </p>
    <JsonBlock value={value} />
  </div>
);

/**
 * Draws a task's attachment with its params and, when there is one, its response, with the
 * renderer of its type. Params and response are parsed with the registry's schemas first (so
 * renderers read one normalized form); data that does not parse is shown as raw JSON with the
 * reason, never thrown.
 */
export const TaskRenderer = ({
  type,
  params,
  response,
  lidarFrames,
}: {
  type: string;
  params: unknown;
  response?: unknown;
  /** Point clouds the caller has loaded (lidar frames are files this component does not fetch). */
  lidarFrames?: readonly (LidarFrame | undefined)[] | undefined;
}) => {
  const definition = getTaskType(type);
  if (!definition || !isTaskType(type)) {
    return (
      <Problem message={`No renderer for task type "${type}".`} value={{ params, response }} />
    );
  }
  const parsedParams = definition.params.safeParse(params);
  if (!parsedParams.success) {
    return (
      <Problem
        message={`The params do not match the ${definition.title} schema: ${parsedParams.error.issues
          .map((issue) => `${issue.path.join(".") || "params"} ${issue.message}`)
          .join("; ")}`}
        value={params}
      />
    );
  }
  const hasResponse = response !== undefined && response !== null;
  const parsedResponse = hasResponse ? definition.response.safeParse(response) : undefined;
  // The registry's schemas produce exactly these types; the lookup by `type` loses the link.
  const Renderer = RENDERERS[type] as ComponentType<{
    params: unknown;
    response: unknown;
    frames?: readonly (LidarFrame | undefined)[] | undefined;
  }>;
  return (
    <div className="space-y-3">
      <Renderer
        params={parsedParams.data}
        response={parsedResponse?.success ? parsedResponse.data : undefined}
        {...(type === "lidarsegmentation" && lidarFrames ? { frames: lidarFrames } : {})}
      />
      {parsedResponse && !parsedResponse.success ? (
        <Problem
          message={`The response does not match the ${definition.title} schema, so it is shown as JSON.`}
          value={response}
        />
      ) : null}
    </div>
  );
};
