import { describe, expect, it } from "vitest";

import { configFromEnv } from "../../config";
import { MEDIA_UPLOAD_PATH, uploadBodyLimits } from "./upload-limits";

const GIB = 1024 ** 3;

describe("the body caps of upload routes", () => {
  it("admit the zip limit on the media route and the import limit elsewhere, from the one config", () => {
    expect(uploadBodyLimits(configFromEnv({}))).toEqual({ media: 5 * GIB, upload: 2 * GIB });
    const env = configFromEnv({
      TASKFORGE_MAX_ZIP_BYTES: String(GIB),
      TASKFORGE_MAX_IMPORT_BYTES: String(3 * GIB),
      TASKFORGE_MAX_FILE_BYTES: String(4 * GIB),
    });
    // A single file (with room for its multipart framing) must always get through.
    expect(uploadBodyLimits(env)).toEqual({
      media: 4 * GIB + 1024 * 1024,
      upload: 4 * GIB + 1024 * 1024,
    });
  });

  it("knows the media route on /v1 and on the dashboard's /api", () => {
    expect(MEDIA_UPLOAD_PATH.test("/v1/projects/streets/media")).toBe(true);
    expect(MEDIA_UPLOAD_PATH.test("/api/projects/street%20views/media")).toBe(true);
    expect(MEDIA_UPLOAD_PATH.test("/v1/projects/streets")).toBe(false);
    expect(MEDIA_UPLOAD_PATH.test("/v1/imports")).toBe(false);
  });
});
