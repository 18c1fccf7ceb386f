import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { expectedRefusal, logExpectedRefusalsOnOneLine } from './expected-errors';

describe('logExpectedRefusalsOnOneLine', () => {
  it('turns an expected refusal into one log line and leaves bugs to console.error', () => {
    const printed = vi.fn();
    const target = { error: printed };
    const warn = vi.fn();
    logExpectedRefusalsOnOneLine({ warn }, target);

    const refusal = Object.assign(new AppError('FORBIDDEN', 'you do not have the auth.lead.manage permission'), { digest: '109' });
    target.error(refusal);
    expect(warn).toHaveBeenCalledWith(
      { code: 'FORBIDDEN', status: 403, digest: '109' },
      'refused: you do not have the auth.lead.manage permission',
    );
    expect(printed).not.toHaveBeenCalled();

    const bug = new TypeError('x is undefined');
    target.error(bug);
    target.error(new AppError('UNAVAILABLE', 'the database is down'));
    expect(printed).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('recognises an AppError from another copy of the class by its name and code', () => {
    expect(expectedRefusal({ name: 'AppError', code: 'NOT_FOUND', message: 'gone' })).not.toBeNull();
    expect(expectedRefusal({ name: 'AppError', code: 'MADE_UP', message: 'x' })).toBeNull();
    expect(expectedRefusal('FORBIDDEN')).toBeNull();
  });
});
