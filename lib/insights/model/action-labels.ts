// What "Most used actions" calls each server action (createAction's `name`): the words of the
// button or form a person used, not the code's id. An action missing here is shown by its id.

const ACTION_LABELS: Record<string, string> = {
  appointLead: 'Appoint a group lead',
  removeLead: 'Remove a group lead',
  createApiToken: 'Create an API token',
  revokeApiToken: 'Revoke an API token',
  previewLocation: 'Analyze a location',
  registerLocation: 'Register a location',
  refreshLocation: 'Refresh a location',
  unregisterLocation: 'Unregister a location',
  refreshEntity: 'Refresh an entity',
  editEntity: 'Edit ownership',
  saveManagedEntity: 'Save a portal entity',
  deleteManagedEntity: 'Delete a portal entity',
  rememberCatalogKind: 'Choose the catalog’s kind',
  starEntity: 'Star or unstar an entity',
  setTheme: 'Choose the colour theme',
  rebuildDocs: 'Rebuild docs',
  previewScorecard: 'Preview a scorecard',
  saveScorecard: 'Save a scorecard',
  createInitiative: 'Create an initiative',
  'insights.register': 'Register a repository',
  'scaffolder.createTask': 'Run a template',
  'scaffolder.dryRun': 'Dry-run a template',
  'scaffolder.cancelTask': 'Cancel a template run',
  'scaffolder.retryTask': 'Retry a template run',
  'scaffolder.tryExpression': 'Try a template expression',
};

/** The label of an action id, or null for an id this portal has no label for. */
export function actionLabel(id: string): string | null {
  return Object.hasOwn(ACTION_LABELS, id) ? ACTION_LABELS[id]! : null;
}
