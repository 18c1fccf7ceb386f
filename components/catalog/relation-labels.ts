// How relation types read in the UI (Backstage's well-known relations, then anything else as-is).
const LABELS: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  memberOf: 'Member of',
  hasMember: 'Has member',
  parentOf: 'Parent of',
  childOf: 'Child of',
};

export function relationLabel(type: string): string {
  return LABELS[type] ?? type;
}
