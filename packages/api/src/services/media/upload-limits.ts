import type { Config } from "../../config";
import { DEFAULT_MAX_FILE_BYTES } from "../files";

const MIB = 1024 * 1024;

/** The media upload route, on `/v1` and on the dashboard's `/api`: one file, or a zip of them. */
export const MEDIA_UPLOAD_PATH = /^\/(v1|api)\/projects\/[^/]+\/media$/;

/**
 * The largest request body the HTTP layer lets through, before the body is read, to an upload
 * route with valid credentials. One rule from the one configuration: the services check the exact
 * limits as they read (a file against `TASKFORGE_MAX_FILE_BYTES`, a zip against
 * `TASKFORGE_MAX_ZIP_BYTES`, an import against `TASKFORGE_MAX_IMPORT_BYTES`), so each cap admits
 * the largest body its route's service takes and no more.
 * - `media`: a media file or a zip of them.
 * - `upload`: any other `/v1` route or dashboard upload: a file (plus its multipart framing) or a
 *   bulk import.
 */
export const uploadBodyLimits = (
  env: Pick<
    Config,
    | "TASKFORGE_BODY_LIMIT_BYTES"
    | "TASKFORGE_MAX_FILE_BYTES"
    | "TASKFORGE_MAX_IMPORT_BYTES"
    | "TASKFORGE_MAX_ZIP_BYTES"
  >,
) => {
  const file = (env.TASKFORGE_MAX_FILE_BYTES ?? DEFAULT_MAX_FILE_BYTES) + MIB;
  return {
    media: Math.max(env.TASKFORGE_BODY_LIMIT_BYTES, file, env.TASKFORGE_MAX_ZIP_BYTES),
    upload: Math.max(env.TASKFORGE_BODY_LIMIT_BYTES, file, env.TASKFORGE_MAX_IMPORT_BYTES),
  };
};
