/** A cron expression for "every `minutes` minutes" (whole hours past 59 minutes). */
export function cronEvery(minutes: number): string {
  if (minutes <= 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.min(24, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}
