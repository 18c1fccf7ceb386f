// Whom the "appoint a lead" picker offers for a group, out of the people who can sign in (trusted
// Users, the only ones appointLeadAction accepts): everyone but the group's current leads, its
// members, the likely leads, first.

export type Person = { ref: string; name: string };
export type LeadGroup = { ref: string; leads: string[]; members: string[] };

export function leadChoices(people: Person[], group: LeadGroup): { members: Person[]; others: Person[] } {
  const leads = new Set(group.leads);
  const members = new Set(group.members);
  const offered = people.filter((p) => !leads.has(p.ref));
  return { members: offered.filter((p) => members.has(p.ref)), others: offered.filter((p) => !members.has(p.ref)) };
}
