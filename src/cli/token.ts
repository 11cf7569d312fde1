import 'reflect-metadata';
import { Role } from '../platform/auth/actor';
import { signDevelopmentToken } from '../platform/auth/tokens';
import { loadConfig } from '../platform/config';

const usage = 'usage: npm run token -- --role <ROLE> [--staff ID] [--unit ID] [--company ID] [--area ID] [--sub USER] [--ttl 12h]';

/** Prints a development access token; its last line is the token alone, for scripts. */
async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(usage);
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  const role = args.get('role')?.toUpperCase();
  if (!role || !Object.values(Role).includes(role as Role)) {
    throw new Error(`${usage}\nroles: ${Object.values(Role).join(', ')}`);
  }
  const config = loadConfig();
  const token = await signDevelopmentToken(
    config,
    {
      role: role as Role,
      userId: args.get('sub'),
      staffId: args.get('staff'),
      unitId: args.get('unit'),
      companyId: args.get('company'),
      areaId: args.get('area'),
    },
    args.get('ttl') ?? '12h',
  );
  process.stderr.write(`Development token for ${role} (send as "Authorization: Bearer <token>"):\n`);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
