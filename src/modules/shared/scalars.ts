import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

// A page of 100 trainees answers some 300 dates, most of them the same few hundred days.
const SERIALIZED_DAYS_KEPT = 10_000;
const serialized = new Map<unknown, unknown>();

/**
 * Calendar dates (YYYY-MM-DD, no time zone) travel as strings end to end: graphql-scalars'
 * LocalDate, whose answer for a day string is remembered (its check parses the date each time,
 * and the same days repeat across rows). Parsing input is unchanged.
 */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize(value) {
    if (typeof value !== 'string') return LocalDateResolver.serialize(value);
    const known = serialized.get(value);
    if (known !== undefined) return known;
    const result = LocalDateResolver.serialize(value);
    if (serialized.size < SERIALIZED_DAYS_KEPT) serialized.set(value, result);
    return result;
  },
});
