"use client";

import type { TaskType } from "@taskforge/schema";

import { audiotranscriptionEditor } from "./audiotranscription";
import { categorizationEditor } from "./categorization";
import { comparisonEditor } from "./comparison";
import { documenttranscriptionEditor } from "./documenttranscription";
import { imageannotationEditor } from "./imageannotation";
import { legacyImageEditor } from "./legacy-image";
import { lidarsegmentationEditor } from "./lidarsegmentation";
import { namedentityrecognitionEditor } from "./namedentityrecognition";
import { segmentannotationEditor } from "./segmentannotation";
import { textcollectionEditor } from "./textcollection";
import type { EditorDefinition } from "./types";
import { videoannotationEditor } from "./videoannotation";

/** One editor per task type (the workspace, review page and fix panel all use these). */
export const EDITORS: { [T in TaskType]: EditorDefinition<T> } = {
  categorization: categorizationEditor,
  imageannotation: imageannotationEditor,
  videoannotation: videoannotationEditor,
  lidarsegmentation: lidarsegmentationEditor,
  documenttranscription: documenttranscriptionEditor,
  textcollection: textcollectionEditor,
  namedentityrecognition: namedentityrecognitionEditor,
  comparison: comparisonEditor,
  audiotranscription: audiotranscriptionEditor,
  segmentannotation: segmentannotationEditor,
  annotation: legacyImageEditor("annotation"),
  polygonannotation: legacyImageEditor("polygonannotation"),
  lineannotation: legacyImageEditor("lineannotation"),
  pointannotation: legacyImageEditor("pointannotation"),
  cuboidannotation: legacyImageEditor("cuboidannotation"),
};
