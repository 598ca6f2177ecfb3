// `pnpm seed`: demo content (a project per task type with a few tasks, generated attachments, a
// demo worker) in the demo organization of DATABASE_URL, or of the embedded database in
// TASKFORGE_DATA_DIR (default ./.data where the command was started). Running it again adds
// nothing. With PGlite, stop the server first: an embedded database has one process at a time.
import { resolve } from "node:path";

import { openDatabase } from "@taskforge/db";

import { config } from "../config";
import { configureFiles, filesConfigOf } from "../services/files";
import { seedDemo } from "../services/seed";

const settings = config();
const databaseUrl = settings.DATABASE_URL;
const dataDir = resolve(settings.INIT_CWD ?? process.cwd(), settings.TASKFORGE_DATA_DIR);
// Attachments go where the server looks for them (<data dir>/files unless configured).
configureFiles(filesConfigOf({ ...settings, TASKFORGE_DATA_DIR: dataDir }));

const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
try {
  const result = await seedDemo(db);
  const lines = [
    `taskforge seed (${db.description}): ${result.projectsCreated} projects and ${result.tasksCreated} tasks created.`,
  ];
  if (result.keys)
    lines.push(
      "Created the demo organization. Its API keys are shown only this once:",
      `  live key: ${result.keys.liveKey}`,
      `  test key: ${result.keys.testKey}`,
    );
  lines.push(
    result.worker.password
      ? `Demo worker (Tasker and reviewer), shown only this once:\n  email: ${result.worker.email}\n  password: ${result.worker.password}`
      : `Demo worker: ${result.worker.email} (its password was shown when it was created).`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await db.close();
}
