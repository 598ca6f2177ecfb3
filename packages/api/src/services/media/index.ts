// Media files dropped on a project become its tasks: one file (or each file of a zip), one task.
export { uploadMedia } from "./upload-media";
export { ZIP_LIMITS } from "./media-zip";
export { sniffMedia } from "./sniff";
