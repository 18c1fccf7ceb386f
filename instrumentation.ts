// Next calls register() once per server process before it serves requests; the Node.js runtime
// brings the database, migrations, job queue and workers up (lib/runtime/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootOrExit } = await import('@/lib/runtime/start');
  await bootOrExit();
}
