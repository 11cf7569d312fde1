import { Role } from '../src/platform/auth/actor';
import {
  AddGroupSessionParticipantsDocument,
  CreateGroupSessionDocument,
  GroupSessionsDocument,
  type GroupSessionsQuery,
  RecordGroupSessionAttendanceDocument,
} from './generated/graphql';
import { insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
const trainees: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 12; i++) trainees.push((await insertTrainee(server, { lastName: `Osallistuja ${String(i).padStart(2, '0')}` })).id);
});

afterAll(async () => {
  await server?.stop();
});

const create = async (title: string, startsAt: string, topic: 'DEBT_COUNSELLING' | 'EDUCATION_INFO' | 'JOB_SEARCH' = 'DEBT_COUNSELLING') =>
  (await server.ok(CreateGroupSessionDocument, { input: { title, topic, startsAt } })).createGroupSession.groupSession;

describe('participants and attendance', () => {
  it('adds participants once, ignoring duplicates', async () => {
    const session = await create('Velkaneuvonta', '2025-03-10T10:00:00Z');
    await server.ok(AddGroupSessionParticipantsDocument, { input: { sessionId: session.id, traineeIds: [trainees[0], trainees[1], trainees[0]] } });
    const data = await server.ok(AddGroupSessionParticipantsDocument, { input: { sessionId: session.id, traineeIds: [trainees[1], trainees[2]] } });
    const participants = data.addGroupSessionParticipants.groupSession.participants;
    expect(participants.map((p) => p.trainee.id)).toEqual([trainees[0], trainees[1], trainees[2]]);
    expect(participants.every((p) => p.attended === null)).toBe(true);
  });

  it('refuses unknown trainees with BAD_USER_INPUT naming each and adds nobody', async () => {
    const session = await create('Koulutusinfo', '2025-03-11T10:00:00Z', 'EDUCATION_INFO');
    const response = await server.request(AddGroupSessionParticipantsDocument, {
      input: { sessionId: session.id, traineeIds: [trainees[0], '00000000-0000-4000-8000-000000000000'] },
    });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REFERENCE_NOT_FOUND',
      fields: [expect.objectContaining({ path: 'input.traineeIds[1]' })],
    });
    const list = await server.ok(GroupSessionsDocument, { from: '2025-03-11', to: '2025-03-11' });
    expect(list.groupSessions.edges[0].node.participants).toEqual([]);
  });

  it('refuses malformed ids on the input path and an unknown session with NOT_FOUND', async () => {
    const malformed = await server.request(AddGroupSessionParticipantsDocument, { input: { sessionId: 'x', traineeIds: ['y'] } });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
    expect((malformed.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toEqual([
      'input.sessionId',
      'input.traineeIds[0]',
    ]);
    const unknown = await server.request(AddGroupSessionParticipantsDocument, {
      input: { sessionId: '00000000-0000-4000-8000-000000000000', traineeIds: [trainees[0]] },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('records attendance of participants only, after the session has started', async () => {
    const session = await create('Työnhaku', '2025-03-12T10:00:00Z', 'JOB_SEARCH');
    await server.ok(AddGroupSessionParticipantsDocument, { input: { sessionId: session.id, traineeIds: [trainees[3], trainees[4]] } });
    const outsider = await server.request(RecordGroupSessionAttendanceDocument, {
      input: {
        sessionId: session.id,
        entries: [
          { traineeId: trainees[3], attended: true },
          { traineeId: trainees[5], attended: true },
        ],
      },
    });
    expect(outsider.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_A_PARTICIPANT',
      fields: [expect.objectContaining({ path: 'input.entries[1].traineeId' })],
    });
    const data = await server.ok(RecordGroupSessionAttendanceDocument, {
      input: {
        sessionId: session.id,
        entries: [
          { traineeId: trainees[3], attended: true },
          { traineeId: trainees[4], attended: false },
        ],
      },
    });
    expect(data.recordGroupSessionAttendance.groupSession.participants.map((p) => [p.trainee.id, p.attended])).toEqual([
      [trainees[3], true],
      [trainees[4], false],
    ]);

    const future = await create('Tuleva', new Date(server.clock.now().getTime() + 86_400_000).toISOString());
    await server.ok(AddGroupSessionParticipantsDocument, { input: { sessionId: future.id, traineeIds: [trainees[3]] } });
    const early = await server.request(RecordGroupSessionAttendanceDocument, {
      input: { sessionId: future.id, entries: [{ traineeId: trainees[3], attended: true }] },
    });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'GROUP_SESSION_NOT_STARTED' });
  });

  it('refuses roles outside the coaching staff', async () => {
    const partner = await server.as({ role: Role.PARTNER });
    const response = await partner.request(CreateGroupSessionDocument, { input: { title: 'x', topic: 'OTHER', startsAt: '2025-01-01T10:00:00Z' } });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('groupSessions', () => {
  beforeAll(async () => {
    // 2024-06-02 00:30 in Helsinki is still 1 June in UTC: the day filter follows the Finnish calendar.
    await create('Aamuyö', '2024-06-01T21:30:00Z', 'JOB_SEARCH');
    for (let day = 3; day <= 14; day++) {
      const session = await create(`Kesäkuu ${day}`, `2024-06-${String(day).padStart(2, '0')}T09:00:00Z`, day % 2 ? 'EDUCATION_INFO' : 'JOB_SEARCH');
      await server.ok(AddGroupSessionParticipantsDocument, { input: { sessionId: session.id, traineeIds: trainees.slice(0, 1 + (day % 5)) } });
    }
  });

  it('filters by Finnish calendar days and topic, ordered by start', async () => {
    const june2 = await server.ok(GroupSessionsDocument, { from: '2024-06-02', to: '2024-06-02' });
    expect(june2.groupSessions.edges.map((e) => e.node.title)).toEqual(['Aamuyö']);
    const june1 = await server.ok(GroupSessionsDocument, { from: '2024-06-01', to: '2024-06-01' });
    expect(june1.groupSessions.totalCount).toBe(0);
    const education = await server.ok(GroupSessionsDocument, { from: '2024-06-01', to: '2024-06-30', topic: 'EDUCATION_INFO', first: 100 });
    expect(education.groupSessions.edges.map((e) => e.node.title)).toEqual([
      'Kesäkuu 3',
      'Kesäkuu 5',
      'Kesäkuu 7',
      'Kesäkuu 9',
      'Kesäkuu 11',
      'Kesäkuu 13',
    ]);
  });

  it('pages forward with a total count', async () => {
    const titles: string[] = [];
    let after: string | null = null;
    do {
      const data: GroupSessionsQuery = await server.ok(GroupSessionsDocument, { from: '2024-06-01', to: '2024-06-30', first: 5, after });
      expect(data.groupSessions.totalCount).toBe(13);
      titles.push(...data.groupSessions.edges.map((e) => e.node.title));
      after = data.groupSessions.pageInfo.hasNextPage ? data.groupSessions.pageInfo.endCursor : null;
    } while (after);
    expect(titles).toHaveLength(13);
    expect(titles[0]).toBe('Aamuyö');
    expect(titles.at(-1)).toBe('Kesäkuu 14');
  });

  it('refuses a reversed range on `to`', async () => {
    const response = await server.request(GroupSessionsDocument, { from: '2024-06-30', to: '2024-06-01' });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'to' })] });
  });

  it('loads participants and trainees of a page in a constant number of statements', async () => {
    const small = await server.countStatements(() => server.ok(GroupSessionsDocument, { from: '2024-06-03', to: '2024-06-30', first: 2 }));
    const large = await server.countStatements(() => server.ok(GroupSessionsDocument, { from: '2024-06-03', to: '2024-06-30', first: 12 }));
    expect(large).toBe(small);
  });
});
