import { legacyToImageParams, legacyToImageResponse } from "@taskforge/schema";
import type { LegacyImageParams, LegacyImageResponse, LegacyImageType } from "@taskforge/schema";

import { ImageAnnotationRenderer } from "./imageannotation";

/** A legacy single-shape task drawn by the image renderer, through the schema's adapter. */
export const legacyImageRenderer = (type: LegacyImageType) => {
  const LegacyImageRenderer = ({
    params,
    response,
  }: {
    params: LegacyImageParams;
    response: LegacyImageResponse | undefined;
  }) => (
    <ImageAnnotationRenderer
      params={legacyToImageParams(type, params)}
      response={response && legacyToImageResponse(type, params, response)}
    />
  );
  LegacyImageRenderer.displayName = `LegacyImageRenderer(${type})`;
  return LegacyImageRenderer;
};
