import { createGitHubStandIn } from './server';
import { SEED_OAUTH_APP, SEED_TOKEN, seedAcme } from './seed';

// Local demo: `npm run github:stand-in` (PORT, WEBHOOK_URL, WEBHOOK_SECRET optional).

const port = Number(process.env.PORT ?? 3900);
const webhookUrl = process.env.WEBHOOK_URL;
const webhookSecret = process.env.WEBHOOK_SECRET;
if (webhookUrl && !webhookSecret) throw new Error('WEBHOOK_URL needs WEBHOOK_SECRET: deliveries are always signed');

const standIn = await createGitHubStandIn({
  port,
  seed: (state) => seedAcme(state),
  webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
});

console.log(`GitHub stand-in listening on ${standIn.url}`);
console.log(`  API base URL:    ${standIn.url}`);
console.log(`  token:           ${SEED_TOKEN}`);
console.log(`  OAuth app:       client_id=${SEED_OAUTH_APP.clientId} client_secret=${SEED_OAUTH_APP.clientSecret}`);
console.log(`  authorize URL:   ${standIn.url}/login/oauth/authorize`);
console.log(`  webhook:         ${webhookUrl ?? '(none; set WEBHOOK_URL and WEBHOOK_SECRET)'}`);

const shutdown = () => void standIn.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
