import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

/** Set by global-setup: a server URL (any database) and the name of the migrated template database. */
export function testDatabaseEnvironment(): { adminUrl: string; template: string } {
  const adminUrl = process.env.POLKU_TEST_ADMIN_URL;
  const template = process.env.POLKU_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('integration tests must run through jest (global-setup prepares the database)');
  return { adminUrl, template };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database copied from the migrated template: each test file sees only its own rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testDatabaseEnvironment();
  const name = `polku_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // 55006: the template is briefly in use by another worker's copy.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}
