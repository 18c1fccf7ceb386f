// MTTR waits for an incident integration; until then /insights counts the entities that already
// name their incident tool's id, so a team sees what the integration will be able to read.

/** Incident annotations a future integration would read (PagerDuty, Opsgenie, incident.io). */
export const INCIDENT_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'pagerduty.com/integration-key',
  'opsgenie.com/component-selector',
  'incident.io/catalog-entry-id',
] as const;

/** The MTTR metric's summary (one clause, no full stop, as the other metrics'), for `annotated` entities carrying such an annotation. */
export function incidentSummary(annotated: number): string {
  const which = `an incident annotation (${INCIDENT_ANNOTATIONS.join(', ')})`;
  if (annotated === 0) return `No entity carries ${which} yet`;
  const subject = annotated === 1 ? '1 entity carries' : `${annotated} entities carry`;
  return `${subject} ${which}, ready for an incident integration to read`;
}
