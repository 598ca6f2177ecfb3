export * from "./mask-image";
export * from "./png";
export * from "./point-cloud";
export { seededRandom } from "./random";
