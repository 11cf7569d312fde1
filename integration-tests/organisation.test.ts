import { Role } from '../src/platform/auth/actor';
import {
  CreateDepartmentDocument,
  CreatePartnerCompanyDocument,
  CreateWorkUnitDocument,
  DepartmentsDocument,
  WorkUnitByIdDocument,
  WorkUnitsDocument,
  type WorkUnitsQuery,
} from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
const departmentIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const code of ['TECH', 'EDU']) {
    const data = await server.ok(CreateDepartmentDocument, {
      input: { code, name: { fi: `${code} fi`, sv: `${code} sv`, en: `${code} en` } },
    });
    departmentIds.push(data.createDepartment.department.id);
  }
  for (let i = 0; i < 25; i++) {
    await server.ok(CreateWorkUnitDocument, {
      input: { departmentId: departmentIds[i % 2], name: `Unit ${String(i).padStart(2, '0')}` },
    });
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('work units', () => {
  it('pages forward with stable cursors and a total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: WorkUnitsQuery = await server.ok(WorkUnitsDocument, { first: 10, after });
      expect(data.workUnits.totalCount).toBe(25);
      seen.push(...data.workUnits.edges.map((e) => e.node.name));
      after = data.workUnits.pageInfo.hasNextPage ? data.workUnits.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(25);
  });

  it('filters by department and name', async () => {
    const byDepartment = await server.ok(WorkUnitsDocument, { first: 100, departmentId: departmentIds[1] });
    expect(byDepartment.workUnits.totalCount).toBe(12);
    expect(byDepartment.workUnits.edges.every((e) => e.node.department.id === departmentIds[1])).toBe(true);
    const bySearch = await server.ok(WorkUnitsDocument, { first: 100, search: 'unit 1' });
    expect(bySearch.workUnits.edges.map((e) => e.node.name)).toEqual([
      'Unit 10',
      'Unit 11',
      'Unit 12',
      'Unit 13',
      'Unit 14',
      'Unit 15',
      'Unit 16',
      'Unit 17',
      'Unit 18',
      'Unit 19',
    ]);
  });

  it('loads departments of a page in one batched statement (no N+1)', async () => {
    const small = await server.countStatements(() => server.ok(WorkUnitsDocument, { first: 2 }));
    const large = await server.countStatements(() => server.ok(WorkUnitsDocument, { first: 25 }));
    expect(large).toBe(small);
  });

  it('caps the page size', async () => {
    const response = await server.request(WorkUnitsDocument, { first: 1000 });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const response = await server.request(WorkUnitsDocument, { first: 5, after: 'not-a-cursor' });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('answers an unknown id with NOT_FOUND and a malformed one with BAD_USER_INPUT (INVALID_ID) on the argument', async () => {
    const unknown = await server.request(WorkUnitByIdDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.request(WorkUnitByIdDocument, { id: 'nope' });
    expect(malformed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_ID',
      fields: [expect.objectContaining({ path: 'id' })],
    });
  });

  it('names the failing field when input is invalid: a malformed id first, then an unknown one, then the field rules', async () => {
    const malformed = await server.request(CreateWorkUnitDocument, { input: { departmentId: 'x', name: '' } });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
    expect((malformed.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.departmentId']);
    const unknown = await server.request(CreateWorkUnitDocument, { input: { departmentId: '00000000-0000-4000-8000-000000000000', name: '' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFERENCE_NOT_FOUND' });
    expect((unknown.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.departmentId']);
    const response = await server.request(CreateWorkUnitDocument, { input: { departmentId: departmentIds[0], name: '' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    expect((response.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.name']);
  });
});

describe('partner companies', () => {
  it('validates the business ID check digit', async () => {
    const response = await server.request(CreatePartnerCompanyDocument, {
      input: { name: 'Porin Puu Oy', businessId: '0737546-3' },
    });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_BUSINESS_ID',
      fields: [expect.objectContaining({ path: 'input.businessId' })],
    });
  });

  it('stores a valid one and refuses the same business ID twice', async () => {
    const created = await server.ok(CreatePartnerCompanyDocument, { input: { name: 'Porin Puu Oy', businessId: '0737546-2' } });
    expect(created.createPartnerCompany.partnerCompany.businessId).toBe('0737546-2');
    const again = await server.request(CreatePartnerCompanyDocument, { input: { name: 'Toinen Oy', businessId: '0737546-2' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_BUSINESS_ID' });
  });
});

describe('authentication', () => {
  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const anonymous = await server.as(null);
    const response = await anonymous.request(DepartmentsDocument);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });

  it('answers a bad token with 401 before any resolver runs', async () => {
    const response = await server.request(DepartmentsDocument, undefined, { authorization: 'Bearer not.a.token' });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a role an operation does not allow with FORBIDDEN', async () => {
    const coach = await server.as({ role: Role.COACH });
    const response = await coach.request(CreateDepartmentDocument, { input: { code: 'X', name: { fi: 'x', sv: 'x', en: 'x' } } });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const departments = await server.ok(DepartmentsDocument);
    expect(departments.departments.map((d) => d.code)).not.toContain('X');
  });
});
