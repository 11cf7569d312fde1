import { z } from 'zod';

import { isStorableString } from '../../platform/strings';
import { isIsoDate } from '../shared/calendar';

/**
 * What an outside system's referral or decision must look like before anything is done with it:
 * checked here, at the boundary, so the domain sees only well-formed values. A message that does
 * not fit is refused as MALFORMED (and recorded), never half-applied.
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    // NUL and lone surrogates cannot be stored (the same rule as every GraphQL string input).
    .refine(isStorableString, 'unstorable characters');
// A day that exists: '2026-02-31' would otherwise reach PostgreSQL and fail there.
const isoDate = z.string().refine(isIsoDate, 'not a calendar date');

export const inboundReferralShape = z.object({
  externalId: text(100).pipe(z.string().min(1)),
  sentAt: z.string().datetime({ offset: true }),
  caseManagerEmail: text(320).nullish(),
  person: z.object({
    identityCode: text(11),
    firstName: text(100).pipe(z.string().min(1)),
    lastName: text(100).pipe(z.string().min(1)),
    phone: text(40).nullish(),
    email: text(320).nullish(),
    municipalityCode: z
      .string()
      .regex(/^\d{3}$/)
      .nullish(),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .max(10)
      .optional(),
  }),
  serviceForm: text(60),
  participationBasis: text(60),
  background: text(10000).nullish(),
});

export const inboundDecisionShape = z.object({
  decisionId: text(100).pipe(z.string().min(1)),
  applicationId: z.string().uuid(),
  authority: text(200).pipe(z.string().min(1)),
  outcome: z.enum(['GRANTED', 'PARTLY_GRANTED', 'DENIED']),
  percent: z.number().int().min(1).max(100).nullable(),
  subsidyTypeCode: text(40).nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  monthlyCapCents: z.number().int().min(0).max(100_000_000).nullable(),
  denialReason: text(2000).nullable(),
  decidedOn: isoDate,
});

export const webhookBodyShape = z.object({
  events: z
    .array(z.object({ id: z.string().min(1).max(200), type: z.string().max(100), data: z.unknown() }))
    .min(1)
    .max(500),
});
