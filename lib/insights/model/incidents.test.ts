import { describe, expect, it } from 'vitest';
import { incidentSummary } from './incidents';

const KEYS = 'pagerduty.com/service-id, pagerduty.com/integration-key, opsgenie.com/component-selector, incident.io/catalog-entry-id';

describe('incidentSummary', () => {
  it.each([
    [0, `No entity carries an incident annotation (${KEYS}) yet`],
    [1, `1 entity carries an incident annotation (${KEYS}), ready for an incident integration to read`],
    [3, `3 entities carry an incident annotation (${KEYS}), ready for an incident integration to read`],
  ])('%i annotated → says what it is ready for', (n, sentence) => {
    expect(incidentSummary(n)).toBe(sentence);
  });
});
