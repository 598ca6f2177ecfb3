import { legacyToImageParams, imageToLegacyValue } from "@taskforge/schema";
import type { LegacyImageParams, LegacyImageType } from "@taskforge/schema";
import { createElement } from "react";

import { CANVAS_SHORTCUTS } from "../image-tools/tools";
import { initialImageValue } from "../imageannotation/value";
import type { EditorDefinition, EditorProps } from "../types";
import { LegacyImageEditor } from "./editor";

/** The editor of one legacy single-shape type: imageannotation's, through the adapter. */
export const legacyImageEditor = <T extends LegacyImageType>(type: T): EditorDefinition<T> => ({
  Editor: (props: EditorProps<T>) => createElement(LegacyImageEditor<T>, { ...props, type }),
  initialValue: (params) => {
    const legacy = params as LegacyImageParams;
    return imageToLegacyValue(type, legacy, initialImageValue(legacyToImageParams(type, legacy)));
  },
  shortcuts: CANVAS_SHORTCUTS,
});
