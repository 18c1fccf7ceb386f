// Next calls register() once per server process before it serves requests; the Node.js runtime
// brings the database, migrations, job queue and workers up (lib/runtime/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Expected refusals thrown while rendering (a member opening an admin page) log one line, not a stack.
  const [{ logExpectedRefusalsOnOneLine }, { getLogger }] = await Promise.all([
    import('@/lib/observability/expected-errors'),
    import('@/lib/observability/logger'),
  ]);
  logExpectedRefusalsOnOneLine(getLogger());
  const { bootOrExit } = await import('@/lib/runtime/start');
  await bootOrExit();
}
