import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';

import { buildPolkuSchema } from '../../app/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildPolkuSchema();
});

const isNonNull = (type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field].type instanceof GraphQLNonNull;

it('makes fields that some viewers of the type may not read nullable, and leaves the rest alone', () => {
  expect(isNonNull('Trainee', 'birthYear')).toBe(false);
  expect(isNonNull('Trainee', 'periods')).toBe(false);
  expect(isNonNull('CoachingPeriod', 'phase')).toBe(false);
  // Readable by every view of the type.
  expect(isNonNull('Trainee', 'id')).toBe(true);
  expect(isNonNull('Trainee', 'lastName')).toBe(true);
  expect(isNonNull('CoachingPeriod', 'daysPerWeek')).toBe(true);
  // FULL-only types: whoever can see one sees all of it.
  expect(isNonNull('CapacityAssessment', 'id')).toBe(true);
  // Not personal: untouched.
  expect(isNonNull('Task', 'id')).toBe(true);
});
