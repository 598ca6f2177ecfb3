// Media files dropped on a project become its tasks: one file (or each file of a zip), one task.
export { uploadMedia } from "./upload-media";
export { maxZipBytes, ZIP_LIMITS } from "./media-zip";
export { uploadBodyLimits, MEDIA_UPLOAD_PATH } from "./upload-limits";
export { sniffMedia } from "./sniff";
