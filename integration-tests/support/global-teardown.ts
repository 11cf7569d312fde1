import { withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.POLKU_TEST_ADMIN_URL;
  const template = process.env.POLKU_TEST_TEMPLATE;
  if (adminUrl && template) {
    await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)).catch(() => undefined);
  }
  await (globalThis as { __polkuTestCleanup?: () => Promise<void> }).__polkuTestCleanup?.();
}
