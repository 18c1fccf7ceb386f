import { bootOrExit } from '@/lib/runtime/start';

// A Wayfinder process as `npm start` brings it up (configuration, database, migrations, job queue
// and workers; no HTTP server), for tests that need a second process on a data folder.
// Run: tsx --conditions=react-server testing/boot-wayfinder.ts
await bootOrExit();
console.log('wayfinder ready');
// Stays up until killed, as a server would.
setInterval(() => undefined, 60_000);
