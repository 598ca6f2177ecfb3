export {
  createProject,
  getProject,
  listProjects,
  setProjectParams,
  setProjectSettings,
} from "./projects";
