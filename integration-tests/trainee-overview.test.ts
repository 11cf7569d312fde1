import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

import { Role } from '../src/platform/auth/actor';
import {
  TraineeOverviewByIdDocument,
  TraineeOverviewDocument,
  TraineeOverviewQuery,
  TraineeRosterDocument,
  TraineeRosterQuery,
} from './generated/graphql';
import { errorOf } from './support/errors';
import { GraphQLResponse, startTestServer, TestServer } from './support/test-server';

/**
 * The coach's front page: every trainee with coach, current period, current placement, latest
 * assessment and verified-competence count. Over the demo data (120 trainees in every state) the
 * page, its relations and its count are one statement, whatever the page size, and what it reads
 * is what the trainee's own detail query reads.
 */
let server: TestServer;

const TraineeRosterByIdProbe = parse('query RosterProbe($id: ID!) { trainee(id: $id) { id phone } }') as TypedDocumentNode<
  { trainee: { id: string; phone: string | null } },
  { id: string }
>;

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true });
});

afterAll(async () => {
  await server?.stop();
});

it('issues the same number of SQL statements for 10 and for 100 trainees, with every relation filled', async () => {
  let hundred: TraineeOverviewQuery | undefined;
  // The caller's first request looks the user up (then cached): not part of what a page costs.
  await server.ok(TraineeOverviewDocument, { first: 1 });
  const forTen = await server.countStatements(async () => {
    const data = await server.ok(TraineeOverviewDocument, { first: 10 });
    expect(data.trainees.edges).toHaveLength(10);
  });
  const forHundred = await server.countStatements(async () => {
    hundred = await server.ok(TraineeOverviewDocument, { first: 100 });
  });
  const nodes = hundred!.trainees.edges.map((e) => e.node);
  expect(nodes).toHaveLength(100);

  // The count means something only if the relations were really resolved for many rows.
  expect(nodes.filter((t) => t.coach).length).toBeGreaterThan(30);
  expect(nodes.filter((t) => t.currentPeriod?.careerAgent).length).toBeGreaterThan(30);
  expect(nodes.filter((t) => t.currentPlacement).length).toBeGreaterThan(10);
  expect(nodes.filter((t) => t.latestCapacityAssessment).length).toBeGreaterThan(30);
  expect(nodes.filter((t) => t.verifiedCompetenceCount! > 0).length).toBeGreaterThan(5);
  expect(new Set(nodes.map((t) => t.coach?.id).filter(Boolean)).size).toBeGreaterThan(1);

  expect(forHundred).toBe(forTen);
  // The page with its relations and count (one statement) and the access-log insert; recorded in the README.
  expect(forTen).toBe(2);
  process.stdout.write(`trainee overview: ${forTen} statements for 10 and for 100 trainees\n`);

  // Each relation the page joined is the one the trainee's detail query loads on its own.
  for (const node of nodes) {
    const { trainee } = await server.ok(TraineeOverviewByIdDocument, { id: node.id });
    const { firstName: _first, lastName: _last, ...fromPage } = node;
    expect(fromPage).toEqual(trainee);
  }
});

it("decides a coach's view of each listed trainee as their detail query does, with no look-up per row", async () => {
  const [{ id: staffId }] = await server.sql<{ id: string }>(
    `SELECT s.id FROM staff_member s JOIN coaching_period p ON p.coach_id = s.id
      WHERE s.organisation_id = $1 GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
    [server.organisationId],
  );
  const coach = await server.as({ role: Role.COACH, staffId, userId: 'overview-coach' });
  await coach.request(TraineeRosterDocument, { first: 1 });
  let page: GraphQLResponse<TraineeRosterQuery> | undefined;
  const forTen = await server.countStatements(() => coach.request(TraineeRosterDocument, { first: 10 }));
  const forHundred = await server.countStatements(async () => {
    page = await coach.request(TraineeRosterDocument, { first: 100 });
  });
  expect(forHundred).toBe(forTen);
  expect(forTen).toBe(2);

  // The coach's own trainees are FULL (their phone reads), the rest of the roster ROSTER (refused).
  const refused = new Set<unknown>((page!.errors ?? []).filter((e) => e.extensions?.reason === 'VIEW_TOO_NARROW').map((e) => e.path![2]));
  const edges = page!.data!.trainees.edges;
  expect(edges.length).toBeGreaterThan(50);
  expect(refused.size).toBeGreaterThan(0);
  expect(refused.size).toBeLessThan(edges.length);
  for (const [index, edge] of edges.entries()) {
    const alone = await coach.request(TraineeRosterByIdProbe, { id: edge.node.id });
    expect([edge.node.id, refused.has(index)]).toEqual([edge.node.id, errorOf(alone)?.reason === 'VIEW_TOO_NARROW']);
  }
});

it('counts every matching trainee on every page, past the last one too, and pages without gaps or repeats', async () => {
  const filter = { nameSearch: 'a' };
  const all = await server.ok(TraineeRosterDocument, { first: 100, filter });
  const total = all.trainees.totalCount;
  expect(total).toBeGreaterThan(10);
  const seen: string[] = [];
  let after: string | null | undefined;
  for (let i = 0; i < 50; i++) {
    const { trainees } = await server.ok(TraineeRosterDocument, { first: 7, after, filter });
    expect(trainees.totalCount).toBe(total);
    seen.push(...trainees.edges.map((e) => e.node.id));
    if (!trainees.pageInfo.hasNextPage) {
      after = trainees.pageInfo.endCursor;
      break;
    }
    after = trainees.pageInfo.endCursor;
  }
  expect(seen.slice(0, all.trainees.edges.length)).toEqual(all.trainees.edges.map((e) => e.node.id));
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(total);
  const past = await server.ok(TraineeRosterDocument, { first: 7, after, filter });
  expect(past.trainees.edges).toEqual([]);
  expect(past.trainees.totalCount).toBe(total);
});
