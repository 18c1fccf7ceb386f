import type pg from 'pg';
import { getLogger } from '@/lib/observability/logger';

export type Listening = {
  /** Called with each notification's payload. */
  onNotify: (payload: string) => void;
  /** Called with true once listening (again), with false when the connection is lost. */
  onState?: (listening: boolean) => void;
};

/** The application_name of the connection listening on `channel`. */
export const listenerName = (channel: string) => `wayfinder listening on ${channel}`;

export type Listener = {
  /**
   * A round trip on the listening connection: when it resolves true, every notification of a
   * transaction committed before the call has been passed to `onNotify` (PostgreSQL signals the
   * listening session at commit, before the committing session hears that it committed, and the
   * session sends what it was signalled before it answers the next query). False: not listening.
   */
  caughtUp: () => Promise<boolean>;
  stop: () => Promise<void>;
};

/**
 * Holds one pooled connection that LISTENs on `channel` (a fixed identifier, not user input). A
 * lost connection is replaced after a second; notifications sent meanwhile are missed, which
 * `onState` reports. PostgreSQL delivers a notification when the transaction sending it commits.
 */
export function listenOn(pool: pg.Pool, channel: string, { onNotify, onState }: Listening): Listener {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const again = (ms: number) => {
    if (!stopped) retry = setTimeout(() => void connect(), ms);
  };
  const connect = async () => {
    if (stopped) return;
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (err) {
      getLogger().warn({ err, channel }, 'database notifications: could not connect; trying again in 5 s');
      return again(5_000);
    }
    let lost = false;
    c.on('notification', (msg) => msg.channel === channel && onNotify(msg.payload ?? ''));
    c.on('error', (err) => {
      if (lost) return;
      lost = true;
      getLogger().warn({ err, channel }, 'database notifications: connection lost; listening again in 1 s');
      if (client === c) {
        client = undefined;
        onState?.(false);
      }
      c.release(err);
      again(1_000);
    });
    try {
      // Named so that pg_stat_activity tells it from the pool's other connections.
      await c.query(`LISTEN ${channel}; SET application_name = '${listenerName(channel)}'`);
    } catch (err) {
      if (!lost) c.release(err as Error);
      lost = true;
      getLogger().warn({ err, channel }, 'database notifications: could not listen; trying again in 5 s');
      return again(5_000);
    }
    if (stopped) c.release();
    else {
      client = c;
      onState?.(true);
    }
  };
  void connect();
  return {
    caughtUp: async () => {
      const c = client;
      if (!c) return false;
      try {
        await c.query('SELECT 1');
      } catch {
        return false;
      }
      return client === c;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      if (c) {
        onState?.(false);
        await c.query(`UNLISTEN ${channel}; RESET application_name`).then(
          () => c.release(),
          (err: Error) => c.release(err),
        );
      }
    },
  };
}
