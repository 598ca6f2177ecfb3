export * from "./media-kinds";
export * from "./file-attachments";
export * from "./param-kinds";
export * from "./templates";
export * from "./media-upload";
