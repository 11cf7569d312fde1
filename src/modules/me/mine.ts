import { Actor, Role } from '../../platform/auth/actor';
import { badInput } from '../../platform/errors';
import { MeReason } from './me.reasons';

/**
 * The staff id behind a `mine: true` filter: always the caller's own, from the token, never an id
 * sent by the client. Only a COACH or CAREER_AGENT has trainees and periods of their own; for other
 * roles `mine: true` means nothing and is refused (BAD_USER_INPUT, reason MINE_NOT_APPLICABLE)
 * rather than answered with an empty list that looks like "nobody". `mine: false` or null: no filter.
 */
export function staffIdForMine(mine: boolean | null | undefined, caller: Actor | undefined, path: string): string | undefined {
  if (!mine) return undefined;
  if (caller && (caller.role === Role.COACH || caller.role === Role.CAREER_AGENT) && caller.staffId) return caller.staffId;
  throw badInput(
    path,
    `"mine" selects where the caller is the coach or career agent; role ${caller?.role ?? 'anonymous'} has no trainees of its own`,
    MeReason.MINE_NOT_APPLICABLE,
  );
}
