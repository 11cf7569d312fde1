import { LocalDateResolver } from 'graphql-scalars';

/** Calendar dates (YYYY-MM-DD, no time zone) travel as strings end to end. */
export const LocalDate = LocalDateResolver;
