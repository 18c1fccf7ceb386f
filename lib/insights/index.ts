// The insights domain's public surface (adoption metrics, activity, feedback).
export { dailyInsightsJob, syncInventoryJob } from './jobs';
export { recordSearchMiss } from './mutations';
export { subscriptions } from './subscriptions';
export { getInsights, listFeedback, type FeedbackRow, type Insights } from './queries/insights';
export { proposeRegistration, type RegisterProposal } from './register';
export { apiMetric, meetsTarget, metricIdSchema, type Metric, type MetricId } from './model/metric';
export { actionLabel } from './model/action-labels';
