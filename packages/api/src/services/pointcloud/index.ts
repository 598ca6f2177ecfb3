// Point clouds as uploaded: JSON frames checked, sensor formats converted once to compact frames.
export { convertPointCloud, readPointCloud } from "./convert";
export type { StoredPointCloud } from "./convert";
export { checkJsonFrame } from "./json-frame";
export { storedFormOfUpload } from "./upload";
