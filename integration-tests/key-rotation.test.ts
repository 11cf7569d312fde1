import { NEIGHBOUR_TRAINEE_COUNT } from '../src/demo/neighbours';
import { DEMO_TRAINEE_COUNT, seedDemoData } from '../src/demo/seed';
import { SUBSIDISED_EMPLOYEE_COUNT, SUBSIDY_APPLICANT_COUNT } from '../src/demo/wage-subsidy';

/** Every client of the demo's three organisations. */
const DEMO_TRAINEES = DEMO_TRAINEE_COUNT + SUBSIDISED_EMPLOYEE_COUNT + SUBSIDY_APPLICANT_COUNT + NEIGHBOUR_TRAINEE_COUNT;
import { IdentityKeyRotation } from '../src/modules/privacy/key-rotation.service';
import { Role } from '../src/platform/auth/actor';
import { parseKeyRing, PersonalDataCipher } from '../src/platform/crypto';
import { CreateTraineeDocument, TraineeByIdentityCodeDocument } from './generated/graphql';
import { insertTrainee, nextIdentityCode } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * Identity-code key rotation: rows written under key A, the configuration changed to "B,A" (B
 * current, A still decrypts), rotation run → every row on B, codes decrypt to what they were and
 * look-up by identity code still works; a second run changes nothing.
 */
const keyA = `A:${Buffer.alloc(32, 'rotation-test-key-A').toString('base64')}`;
const keyB = `B:${Buffer.alloc(32, 'rotation-test-key-B').toString('base64')}`;
const hashKey = Buffer.alloc(32, 'rotation-test-hash-key').toString('base64');

let server: TestServer;
let admin: GraphQLClient;
/** The same hash key, only key A: what the service had before the configuration changed. */
const cipherA = new PersonalDataCipher(parseKeyRing(keyA, hashKey));

interface StoredCode {
  id: string;
  identity_code_ciphertext: Buffer;
  identity_code_key_id: string;
  identity_code_hash: Buffer;
  updated_at: Date;
}

const storedCodes = async (): Promise<StoredCode[]> =>
  server.app.dataSource.query('SELECT id, identity_code_ciphertext, identity_code_key_id, identity_code_hash, updated_at FROM trainee ORDER BY id');

beforeAll(async () => {
  // The server runs with the new configuration "B,A"; the demo data is written as under "A" alone.
  server = await startTestServer({ env: { IDENTITY_CODE_KEYS: `${keyB},${keyA}`, IDENTITY_CODE_HASH_KEY: hashKey } });
  await seedDemoData(server.app.dataSource, cipherA, server.clock.now());
  // The demo's people are clients of the demo's organisation: its ADMIN looks them up.
  const [{ id: organisationId }] = await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE business_id = '0204819-8'`);
  admin = await server.as({ role: Role.ADMIN, userId: 'rotation-admin', organisationId });
});

afterAll(async () => {
  await server?.stop();
});

describe('identity-key rotation', () => {
  const codesBefore = new Map<string, string>();

  it('moves every row from A to B in batches; codes, hashes and look-ups survive; a second run changes nothing', async () => {
    const before = await storedCodes();
    expect(before.length).toBe(DEMO_TRAINEES);
    expect(new Set(before.map((r) => r.identity_code_key_id))).toEqual(new Set(['A']));
    for (const row of before) codesBefore.set(row.id, cipherA.decrypt(row.identity_code_ciphertext, 'A'));

    const rotation = new IdentityKeyRotation(server.app.dataSource, server.config.keyRing);
    const first = await rotation.run({ batchSize: 50 });
    expect(first).toMatchObject({
      currentKeyId: 'B',
      rotated: DEMO_TRAINEES,
      batches: Math.ceil(DEMO_TRAINEES / 50),
      failed: 0,
      hashMismatches: 0,
      remainingByKey: {},
      unknownKeyIds: [],
      aborted: false,
    });
    if (process.env.POLKU_PRINT_MEASUREMENTS) {
      process.stdout.write(
        `rotation: ${first.rotated} rows in ${first.durationMs} ms (${Math.round(first.rotated / (first.durationMs / 1000))} rows/s)\n`,
      );
    }

    const after = await storedCodes();
    const cipher = new PersonalDataCipher(server.config.keyRing);
    const beforeById = new Map(before.map((r) => [r.id, r]));
    for (const row of after) {
      expect(row.identity_code_key_id).toBe('B');
      const old = beforeById.get(row.id)!;
      expect(row.identity_code_ciphertext.equals(old.identity_code_ciphertext)).toBe(false);
      expect(cipher.decrypt(row.identity_code_ciphertext, 'B')).toBe(codesBefore.get(row.id));
      // B really is a different key: A cannot read the new ciphertext.
      expect(() => cipherA.decrypt(row.identity_code_ciphertext, 'A')).toThrow();
      expect(row.identity_code_hash.equals(old.identity_code_hash)).toBe(true);
      // Rotation is not a change of the person's data.
      expect(row.updated_at.getTime()).toBe(old.updated_at.getTime());
    }

    // Look-up by identity code (the existing query) still finds each person of the ADMIN's organisation.
    const ownIds = new Set(
      (await server.app.dataSource.query('SELECT id FROM trainee WHERE organisation_id = $1', [server.organisationId])).map(
        (row: { id: string }) => row.id,
      ),
    );
    for (const id of [...codesBefore.keys()].filter((id) => ownIds.has(id)).slice(0, 15)) {
      const found = await admin.ok(TraineeByIdentityCodeDocument, { identityCode: codesBefore.get(id)! });
      expect(found.traineeByIdentityCode?.id).toBe(id);
    }

    const second = await rotation.run({ batchSize: 50 });
    expect(second).toMatchObject({ rotated: 0, batches: 0, failed: 0, remainingByKey: {} });
    const again = await storedCodes();
    expect(again.map((r) => r.identity_code_ciphertext.toString('hex'))).toEqual(after.map((r) => r.identity_code_ciphertext.toString('hex')));
  });

  it('new trainees are written with the current key B', async () => {
    const identityCode = nextIdentityCode();
    const created = await admin.ok(CreateTraineeDocument, { input: { firstName: 'Uusi', lastName: 'Avain', identityCode } });
    const [row] = await server.app.dataSource.query('SELECT identity_code_key_id FROM trainee WHERE id = $1', [created.createTrainee.trainee.id]);
    expect(row.identity_code_key_id).toBe('B');
  });

  it('two instances rotating at once share the work (SKIP LOCKED): every row once, none left', async () => {
    await insertUnderA(200);
    const a = new IdentityKeyRotation(server.app.dataSource, server.config.keyRing);
    const b = new IdentityKeyRotation(server.app.dataSource, server.config.keyRing);
    const [ra, rb] = await Promise.all([a.run({ batchSize: 20 }), b.run({ batchSize: 20 })]);
    expect(ra.rotated + rb.rotated).toBe(200);
    expect(ra.failed + rb.failed).toBe(0);
    const keys: Array<{ key: string; n: number }> = await server.app.dataSource.query(
      'SELECT identity_code_key_id AS key, count(*)::int AS n FROM trainee GROUP BY 1',
    );
    // The demo's, the 200 and the one created above.
    expect(keys).toEqual([{ key: 'B', n: DEMO_TRAINEES + 201 }]);
  });

  it('leaves a row it cannot decrypt and one under an unconfigured key, reports them, and rotates the rest', async () => {
    const [damaged, unknown] = await insertUnderA(12);
    const [row] = await server.app.dataSource.query('SELECT identity_code_ciphertext FROM trainee WHERE id = $1', [damaged.id]);
    const broken = Buffer.from(row.identity_code_ciphertext);
    broken[broken.length - 1] ^= 0xff;
    await server.app.dataSource.query('UPDATE trainee SET identity_code_ciphertext = $2 WHERE id = $1', [damaged.id, broken]);
    await server.app.dataSource.query(`UPDATE trainee SET identity_code_key_id = 'Z' WHERE id = $1`, [unknown.id]);

    const report = await new IdentityKeyRotation(server.app.dataSource, server.config.keyRing).run({ batchSize: 5 });
    expect(report).toMatchObject({ rotated: 10, failed: 1, remainingByKey: { A: 1, Z: 1 }, unknownKeyIds: ['Z'] });
    // A later run is not stuck on them either.
    expect(await new IdentityKeyRotation(server.app.dataSource, server.config.keyRing).run({ batchSize: 5 })).toMatchObject({
      rotated: 0,
      failed: 1,
    });
  });

  it('an instance whose current key is not the one a job expects does nothing (old instance in a rolling deploy)', async () => {
    const oldInstance = new IdentityKeyRotation(server.app.dataSource, parseKeyRing(`${keyA},${keyB}`, hashKey));
    const report = await oldInstance.run({ expectedKeyId: 'B' });
    expect(report).toMatchObject({ skipped: 'NOT_CURRENT_KEY', rotated: 0, batches: 0 });
  });
});

/** Trainees written by the old configuration (key A only). */
async function insertUnderA(count: number) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const trainee = await insertTrainee(server);
    const code = nextIdentityCode();
    const { ciphertext, keyId } = cipherA.encrypt(code);
    await server.app.dataSource.query(
      'UPDATE trainee SET identity_code_ciphertext = $2, identity_code_key_id = $3, identity_code_hash = $4 WHERE id = $1',
      [trainee.id, ciphertext, keyId, cipherA.hash(code)],
    );
    rows.push(trainee);
  }
  return rows;
}
