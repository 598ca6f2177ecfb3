export { createProject, getProject, listProjects, setProjectParams } from "./projects";
