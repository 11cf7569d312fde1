import { TraineeOverviewDocument, TraineeOverviewQuery } from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The coach's front page: every trainee with coach, current period, current placement, latest
 * assessment and verified-competence count. Over the demo data (120 trainees in every state) the
 * statement count must not grow with the page size: each relation is one batched statement.
 */
let server: TestServer;

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
  // Page, count, periods, placements, latest assessments, competence counts, the coaches and career
  // agents together (one batch across the two depths), the access-log insert; recorded in the README.
  expect(forTen).toBeLessThanOrEqual(8);
  process.stdout.write(`trainee overview: ${forTen} statements for 10 and for 100 trainees\n`);
});
