// Point clouds as sensors write them (PCD, PLY, LAS, KITTI .bin), parsed into one frame layout and
// its compact binary form, which the lidar editor reads. Pure code: the server converts uploads
// with it and the editor reads remote frames with it.
export * from "./frame";
export * from "./compact";
export * from "./detect";
export * from "./parse";
export { lzfDecompress } from "./lzf";
export { parsePcd } from "./pcd";
export { parsePly } from "./ply";
export { parseLas } from "./las";
export { parseKittiBin } from "./kitti";
export * from "./fixtures";
