export * from "./audiotranscription";
export * from "./categorization";
export * from "./comparison";
export * from "./definition";
export * from "./documenttranscription";
export * from "./imageannotation";
export * from "./issues";
export * from "./legacy-image";
export * from "./lidarsegmentation";
export * from "./namedentityrecognition";
export * from "./registry";
export * from "./segmentannotation";
export * from "./textcollection";
export * from "./videoannotation";
export * from "./shared/lidar-rle";
// The audio transcription editor splits lines into words exactly as the check compares them.
export { transcriptWords } from "./shared/text-distance";
