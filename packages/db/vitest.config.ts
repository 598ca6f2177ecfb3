import { databaseTestConfig } from "@taskforge/vitest-config/database";

export default databaseTestConfig();
