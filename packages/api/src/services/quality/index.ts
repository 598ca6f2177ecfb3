export { createEvaluationTask, createTrainingTask } from "./quality-tasks";
export { nextPractice, submitPractice } from "./practice";
