import { randomBytes, randomInt } from "node:crypto";

// ObjectId layout (as Scale's task ids): 4 bytes of seconds, 5 random bytes fixed per process and a
// 3-byte counter. Ids sort by creation time across processes and never repeat within one.
const processPart = randomBytes(5).toString("hex");
let counter = randomInt(0x1000000);

export const newTaskId = (now = Date.now()): string => {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return `${seconds}${processPart}${counter.toString(16).padStart(6, "0")}`;
};
