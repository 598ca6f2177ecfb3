export {
  createProject,
  getProject,
  listProjects,
  setProjectParams,
  setProjectSettings,
} from "./projects";
export { getTaskTemplate, setProjectOntology } from "./ontology";
