import type { Actor } from '@/lib/auth/permissions';

/** A signed-in person as the server resolves one (user:a), for calling domain functions directly. */
export function testActor(roles: Actor['roles'], leadOf: string[] = []): Actor {
  return { id: 'user:a', name: 'A', kind: 'user', userRef: 'user:default/a', roles, leadOf, scope: 'write' };
}
