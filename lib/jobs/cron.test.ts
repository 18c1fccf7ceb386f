import { describe, expect, it } from 'vitest';
import { cronEvery } from './cron';

describe('cronEvery', () => {
  it.each([
    [1, '* * * * *'],
    [5, '*/5 * * * *'],
    [60, '0 */1 * * *'],
    [120, '0 */2 * * *'],
    [1440, '0 0 * * *'],
  ])('%i minutes → %s', (minutes, cron) => {
    expect(cronEvery(minutes)).toBe(cron);
  });
});
