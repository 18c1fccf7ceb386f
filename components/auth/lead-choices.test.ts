import { describe, expect, it } from 'vitest';
import { leadChoices } from './lead-choices';

const people = [
  { ref: 'user:default/ada', name: 'Ada' },
  { ref: 'user:default/bo', name: 'Bo' },
  { ref: 'user:default/cy', name: 'Cy' },
  { ref: 'user:default/di', name: 'Di' },
];
const refs = (list: { ref: string }[]) => list.map((p) => p.ref.slice('user:default/'.length));

describe('leadChoices', () => {
  it.each([
    ['no leads, no members: everyone, as others', [], [], [], ['ada', 'bo', 'cy', 'di']],
    ['members first, in the given order', [], ['cy', 'ada'], ['ada', 'cy'], ['bo', 'di']],
    ['a current lead is not offered, member or not', ['cy', 'bo'], ['cy', 'ada'], ['ada'], ['di']],
    ['everyone leads already: nobody', ['ada', 'bo', 'cy', 'di'], ['ada'], [], []],
  ])('%s', (_, leads, members, firstOffered, thenOffered) => {
    const group = {
      ref: 'group:default/team',
      leads: leads.map((n) => `user:default/${n}`),
      members: members.map((n) => `user:default/${n}`),
    };
    const choices = leadChoices(people, group);
    expect(refs(choices.members)).toEqual(firstOffered);
    expect(refs(choices.others)).toEqual(thenOffered);
  });
});
