// The scorecards domain's public surface (scorecards, checks, levels, initiatives).
export { rescoreAllJob, rescoreEntitiesJob, queueRescore } from './jobs';
export { subscriptions } from './subscriptions';
export {
  getScorecard,
  listScorecardProblems,
  listScorecards,
  listScorecardVersions,
  saveScorecardFromPortal,
  syncConfiguredScorecards,
  type StoredScorecard,
} from './definitions';
export {
  getDistributions,
  getEntityScorecards,
  getTeamView,
  getTrend,
  groupSubtree,
  listTeamsOf,
  type Distribution,
  type EntityScorecard,
  type TeamEntity,
  type TeamGroupRow,
  type TrendPoint,
} from './queries';
export { previewScorecard, rescoreAll, rescoreEntities, type PreviewRow } from './scoring';
export { refreshRepositoryFacts } from './repository-facts';
export {
  createInitiative,
  getInitiative,
  getInitiativeHistory,
  getInitiativeProgress,
  leadsTeam,
  listInitiatives,
  listOpenItemsFor,
  type HomeItem,
  type InitiativeInput,
  type InitiativeProgress,
} from './initiatives';
export { parseScorecard, type ScorecardDefinition } from './model/definition';
