import { Role } from '../src/platform/auth/actor';
import { createStaffMember, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * Who processes an organisation's intake queue is a setting of the organisation: the people in
 * intake (no coaching period yet) are visible in full to those staff only, other coaching staff see
 * them as roster entries; with no one named, every coach and career agent of the organisation
 * does. Changing the team changes who sees people in full, so it needs a reason and is in the
 * history with who made it.
 */
let server: TestServer;
let inTeam: GraphQLClient;
let notInTeam: GraphQLClient;
let teamMemberId: string;
let otherCoachId: string;
let waiting: string;

type Answer = { data?: Record<string, unknown> | null; errors?: Array<{ path?: string[]; extensions?: Record<string, unknown> }> };

async function gql(client: GraphQLClient, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const SETTINGS = `mutation ($input: UpdateOrganisationSettingsInput!) { updateOrganisationSettings(input: $input) { organisation { id } } }`;
const PHONE = `query ($id: ID!) { trainee(id: $id) { id lastName phone } }`;

/** FULL when the phone can be read, ROSTER when only the name can, else the error code. */
async function viewOf(client: GraphQLClient, traineeId: string): Promise<string> {
  const answer = await gql(client, PHONE, { id: traineeId });
  const code = answer.errors?.[0]?.extensions?.code;
  if (!code) return 'FULL';
  if (code === 'FORBIDDEN' && answer.errors?.[0]?.path?.join('.') === 'trainee.phone') return 'ROSTER';
  return String(code);
}

beforeAll(async () => {
  server = await startTestServer();
  teamMemberId = await createStaffMember(server, 'COACH');
  otherCoachId = await createStaffMember(server, 'COACH');
  inTeam = await server.as({ role: Role.COACH, userId: 'intake-coach', staffId: teamMemberId });
  notInTeam = await server.as({ role: Role.COACH, userId: 'other-coach', staffId: otherCoachId });
  waiting = (await insertTrainee(server)).id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the intake team', () => {
  it('by default: every coach of the organisation sees the people in intake in full', async () => {
    expect(await viewOf(inTeam, waiting)).toBe('FULL');
    expect(await viewOf(notInTeam, waiting)).toBe('FULL');
  });

  it('refuses a change without a reason, and staff of another organisation, changing nothing', async () => {
    const noReason = await gql(server, SETTINGS, { input: { intakeStaffIds: [teamMemberId] } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INTAKE_CHANGE_REASON_REQUIRED',
      fields: [expect.objectContaining({ path: 'input.reason' })],
    });
    const other = await server.createOrganisation();
    const [foreign] = await server.sql<{ id: string }>(
      `INSERT INTO staff_member (organisation_id, name, role) VALUES ($1, 'Muu Valmentaja', 'COACH') RETURNING id`,
      [other],
    );
    const foreignStaff = await gql(server, SETTINGS, { input: { intakeStaffIds: [foreign.id], reason: 'testi' } });
    expect(foreignStaff.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REFERENCE_NOT_FOUND',
      fields: [expect.objectContaining({ path: 'input.intakeStaffIds[0]' })],
    });
    const [row] = await server.sql<{ intake_staff_ids: string[] }>('SELECT intake_staff_ids FROM organisation WHERE id = $1', [
      server.organisationId,
    ]);
    expect(row.intake_staff_ids).toEqual([]);
    expect(await server.sql(`SELECT id FROM state_change WHERE subject_type = 'OrganisationIntakeTeam'`)).toEqual([]);
  });

  it('named: only the team sees them in full, others as a roster entry; the change is in the history with who and why', async () => {
    const changed = await gql(server, SETTINGS, { input: { intakeStaffIds: [teamMemberId], reason: 'Tiimi jaettu 1.12.' } });
    expect(changed.errors).toBeUndefined();
    expect(await viewOf(inTeam, waiting)).toBe('FULL');
    expect(await viewOf(notInTeam, waiting)).toBe('ROSTER');
    // The list agrees with the look-up: the other coach's list shows the person without contact details.
    const listed = await gql(notInTeam, `{ trainees(first: 100) { edges { node { id phone } } } }`);
    const paths = (listed.errors ?? []).map((error) => error.path?.join('.'));
    const edges = (listed.data!.trainees as { edges: Array<{ node: { id: string } }> }).edges;
    const index = edges.findIndex((edge) => edge.node.id === waiting);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(paths).toContain(`trainees.edges.${index}.node.phone`);

    const history = await server.sql<{ from_state: string; to_state: string; actor_id: string; reason: string }>(
      `SELECT from_state, to_state, actor_id, reason FROM state_change WHERE subject_type = 'OrganisationIntakeTeam' AND subject_id = $1`,
      [server.organisationId],
    );
    expect(history).toEqual([{ from_state: 'ALL_COACHING_STAFF', to_state: teamMemberId, actor_id: server.userId, reason: 'Tiimi jaettu 1.12.' }]);

    // Back to everyone: recorded too; the same team again records nothing.
    expect((await gql(server, SETTINGS, { input: { intakeStaffIds: [teamMemberId] } })).errors).toBeUndefined();
    expect((await gql(server, SETTINGS, { input: { intakeStaffIds: [], reason: 'Koko tiimi taas' } })).errors).toBeUndefined();
    expect(await viewOf(notInTeam, waiting)).toBe('FULL');
    const states = await server.sql<{ to_state: string }>(
      `SELECT to_state FROM state_change WHERE subject_type = 'OrganisationIntakeTeam' ORDER BY changed_at, id`,
    );
    expect(states.map((s) => s.to_state)).toEqual([teamMemberId, 'ALL_COACHING_STAFF']);
  });
});
