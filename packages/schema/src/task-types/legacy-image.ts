import { z } from "zod";

import { defineTaskType } from "./definition";
import { imageannotationTaskType } from "./imageannotation";
import type { TaskTypeExample } from "./definition";
import {
  imageToLegacyResponse,
  legacyImageParamsIssues,
  legacyLabelIssues,
  legacyToImageParams,
  legacyToImageResponse,
} from "./shared/legacy-image-adapter";
import { legacyImageExamples } from "./shared/legacy-image-examples";
import {
  LegacyBoxResponseSchema,
  LegacyCuboidResponseSchema,
  LegacyLineResponseSchema,
  LegacyPointResponseSchema,
  LegacyPolygonResponseSchema,
  legacyBaseParams,
  legacyCuboidParams,
  legacySizeParams,
  legacyVertexParams,
} from "./shared/legacy-image-schemas";
import type {
  LegacyImageParams,
  LegacyImageResponse,
  LegacyImageType,
} from "./shared/legacy-image-schemas";

export { LEGACY_IMAGE_GEOMETRY, isLegacyImageType } from "./shared/legacy-image-schemas";
export type {
  LegacyAnnotation,
  LegacyExample,
  LegacyLayers,
  LegacyImageParams,
  LegacyImageResponse,
  LegacyImageType,
} from "./shared/legacy-image-schemas";
export {
  imageToLegacyResponse,
  layerAnnotations,
  imageToLegacyValue,
  legacyToImageParams,
  legacyToImageResponse,
  legacyToImageValue,
} from "./shared/legacy-image-adapter";

/**
 * The params of one legacy type: the shared fields plus its geometry's, then every rule of the
 * imageannotation params it stands for (label tree, attributes, hypothesis) on legacy paths.
 */
const legacyParamsSchema = <Shape extends z.ZodRawShape, R extends z.ZodType>(
  type: LegacyImageType,
  shape: Shape,
  response: R,
) =>
  z.looseObject({ ...legacyBaseParams, ...shape, hypothesis: response.optional() }).superRefine(
    (params, ctx) => {
      for (const issue of legacyImageParamsIssues(type, params as unknown as LegacyImageParams)) {
        ctx.addIssue({ code: "custom", ...issue });
      }
      // Only on params whose fields are each valid: the adapter reads them as such.
    },
    { when: (payload) => payload.issues.length === 0 },
  );

const image = imageannotationTaskType;

/**
 * One legacy type: everything but the wire shapes is imageannotation's, reached through the
 * adapter, so a legacy task is checked, consolidated, scored and answered in test mode exactly
 * as the single-geometry imageannotation task it stands for.
 */
const defineLegacyImageType = <
  const Id extends LegacyImageType,
  P extends z.ZodType<LegacyImageParams>,
  R extends z.ZodType<LegacyImageResponse>,
>(definition: {
  id: Id;
  title: string;
  description: string;
  params: P;
  response: R;
  examples: readonly TaskTypeExample[];
}) => {
  const { id } = definition;
  const asLegacy = (
    params: LegacyImageParams,
    response: Parameters<typeof image.checkResponse>[1],
  ) => imageToLegacyResponse(id, params, response) as z.output<R>;
  return defineTaskType({
    ...definition,
    checkResponse: (params: LegacyImageParams, response: LegacyImageResponse) => {
      const labelIssues = legacyLabelIssues(params, response);
      if (labelIssues.length > 0) return labelIssues;
      return image.checkResponse(
        legacyToImageParams(id, params),
        legacyToImageResponse(id, params, response),
      );
    },
    placeholderResponse: (params: LegacyImageParams) =>
      asLegacy(params, image.placeholderResponse(legacyToImageParams(id, params))),
    consolidate: (params: LegacyImageParams, responses: readonly LegacyImageResponse[]) => {
      const result = image.consolidate(
        legacyToImageParams(id, params),
        responses.map((response) => legacyToImageResponse(id, params, response)),
      );
      return { ...result, response: asLegacy(params, result.response) };
    },
    scoreAgainstGold: (
      params: LegacyImageParams,
      response: LegacyImageResponse,
      gold: LegacyImageResponse,
    ) =>
      image.scoreAgainstGold(
        legacyToImageParams(id, params),
        legacyToImageResponse(id, params, response),
        legacyToImageResponse(id, params, gold),
      ),
  });
};

const NOTE = "Scale's legacy single-shape type; works as imageannotation with one geometry.";

export const annotationTaskType = defineLegacyImageType({
  id: "annotation",
  title: "Box annotation (legacy)",
  description: `Draw boxes around the objects in an image. ${NOTE}`,
  params: legacyParamsSchema("annotation", legacySizeParams, LegacyBoxResponseSchema),
  response: LegacyBoxResponseSchema,
  examples: legacyImageExamples.annotation,
});

export const polygonannotationTaskType = defineLegacyImageType({
  id: "polygonannotation",
  title: "Polygon annotation (legacy)",
  description: `Draw polygons around the objects in an image. ${NOTE}`,
  params: legacyParamsSchema("polygonannotation", legacyVertexParams, LegacyPolygonResponseSchema),
  response: LegacyPolygonResponseSchema,
  examples: legacyImageExamples.polygonannotation,
});

export const lineannotationTaskType = defineLegacyImageType({
  id: "lineannotation",
  title: "Line annotation (legacy)",
  description: `Draw lines along the objects in an image. ${NOTE}`,
  params: legacyParamsSchema(
    "lineannotation",
    // Scale drew `splines` as curves through the vertices; the vertices are the answer either way.
    { ...legacyVertexParams, splines: z.boolean({ error: "must be true or false" }).optional() },
    LegacyLineResponseSchema,
  ),
  response: LegacyLineResponseSchema,
  examples: legacyImageExamples.lineannotation,
});

export const pointannotationTaskType = defineLegacyImageType({
  id: "pointannotation",
  title: "Point annotation (legacy)",
  description: `Place points on the objects in an image. ${NOTE}`,
  params: legacyParamsSchema("pointannotation", {}, LegacyPointResponseSchema),
  response: LegacyPointResponseSchema,
  examples: legacyImageExamples.pointannotation,
});

export const cuboidannotationTaskType = defineLegacyImageType({
  id: "cuboidannotation",
  title: "2D cuboid annotation (legacy)",
  description: `Draw 2D cuboids around the objects in an image. ${NOTE}`,
  params: legacyParamsSchema("cuboidannotation", legacyCuboidParams, LegacyCuboidResponseSchema),
  response: LegacyCuboidResponseSchema,
  examples: legacyImageExamples.cuboidannotation,
});
