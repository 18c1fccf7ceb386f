import { createService } from '@acme/node-service-chassis';

const service = createService({ name: '${{ values.name }}' });

service.router.get('/hello', (_req, res) => {
  res.json({ message: 'Hello from ${{ values.name }}' });
});

await service.start();
