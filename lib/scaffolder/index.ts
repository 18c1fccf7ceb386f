// The scaffolder's public surface for other domains and the runtime wiring.
export { runScaffolderTaskJob, recoverScaffolderTasksJob } from './jobs';
export { createTask, cancelTask, retryTask } from './mutations';
export { getTask, listTasks, loadTemplate } from './queries';
export { dryRun } from './dry-run';
export { SOURCE_TEMPLATE_ANNOTATION } from './actions/catalog-register';
export { prepareTaskSandbox } from './runner/run-task';
