export * from "./categorization";
export * from "./definition";
export * from "./issues";
export * from "./registry";
export * from "./textcollection";
