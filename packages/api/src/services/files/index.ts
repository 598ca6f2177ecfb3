// Attachments: upload and import into disk or S3 storage, the File object, and short-lived signed
// URLs that let a browser read one file.
export {
  configureFiles,
  filesConfig,
  filesConfigFromEnv,
  filesConfigOf,
  DEFAULT_MAX_FILE_BYTES,
} from "./config";
export type { FilesConfig } from "./config";
export { createDiskStorage, createS3Storage } from "./storage";
export type { FileStorage, S3StorageOptions } from "./storage";
export { attachmentUrlOf, getFile, removeFile, storeFile, toFileObject } from "./files";
export { uploadFromRequest } from "./upload";
export { importFromUrl } from "./import";
export { resolveAttachments, signFileUrl, verifyFileSignature } from "./signed-url";
export { fileIdOf, fileReferencesOf, foreignFileIssues } from "./references";
export { serveSignedFile } from "./serve";
