import { Role } from '../src/platform/auth/actor';
import { AllEnumLabelsDocument, EnumLabelsDocument } from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

it('gives the labels of one enum in Finnish, Swedish and English', async () => {
  const data = await server.ok(EnumLabelsDocument, { enum: 'PeriodPhase' });
  expect(data.enumLabels.map((v) => v.value)).toEqual(['INITIAL_MAPPING', 'PRE_COACHING', 'COACHING', 'CHECK_POINT', 'ENDED', 'FOLLOW_UP']);
  expect(data.enumLabels[0].label).toEqual({ fi: 'Alkukartoitus', sv: 'Inledande kartläggning', en: 'Initial mapping' });
});

it('refuses an unknown enum with BAD_USER_INPUT on `enum`', async () => {
  const response = await server.request(EnumLabelsDocument, { enum: 'NoSuchEnum' });
  expect(response.errors?.[0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'UNKNOWN_ENUM',
    fields: [expect.objectContaining({ path: 'enum' })],
  });
});

it('lists every enum, readable by any signed-in role', async () => {
  const partner = await server.as({ role: Role.PARTNER });
  const data = await partner.ok(AllEnumLabelsDocument);
  const names = data.allEnumLabels.map((e) => e.enum);
  expect(names).toEqual(
    expect.arrayContaining(['FinalSummaryState', 'OutcomeType', 'OutcomeCheckpoint', 'GroupSessionTopic', 'IndicatorUnit', 'Role', 'WorkField']),
  );
  expect(data.allEnumLabels.find((e) => e.enum === 'OutcomeType')?.values).toHaveLength(9);
  const anonymous = await server.as(null);
  expect((await anonymous.request(AllEnumLabelsDocument)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
