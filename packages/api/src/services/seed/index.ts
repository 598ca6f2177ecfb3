export { DEMO_WORKER_EMAIL, seedDemo } from "./seed";
export type { SeedResult } from "./seed";
export { DEMO_PROJECTS } from "./content";
