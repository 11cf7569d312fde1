import { buildSchema } from 'graphql';

import { enforcePermissionMatrix } from './access-enforcer';

describe('enforcePermissionMatrix', () => {
  it('stops the schema build when an operation has no rule or a rule names no operation', () => {
    const schema = buildSchema('type Query { serviceInfo: String, somethingNew: String }');
    expect(() => enforcePermissionMatrix(schema)).toThrow(/Query\.somethingNew has no rule/);
    expect(() => enforcePermissionMatrix(schema)).toThrow(/Mutation\.createTrainee is not an operation/);
  });
});
