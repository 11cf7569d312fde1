import type { DataSource } from 'typeorm';
import { In } from 'typeorm';

import type { Clock } from '../../platform/clock';
import { badInput, conflict, DomainError, ErrorCode, notFound } from '../../platform/errors';
import { compareDates, IsoDate } from '../shared/calendar';
import { groupedLoader, isUuid } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import { GroupSession, GroupSessionParticipant, GroupSessionTopic } from './group-session.entities';
import { AddGroupSessionParticipantsInput, CreateGroupSessionInput, RecordGroupSessionAttendanceInput } from './group-session.inputs';
import { GroupSessionReason } from './group-session.reasons';

export interface GroupSessionFilter {
  /** Calendar days in Finland, both inclusive. */
  from?: IsoDate | null;
  to?: IsoDate | null;
  topic?: GroupSessionTopic | null;
}

const TIME_ZONE = 'Europe/Helsinki';

export class GroupSessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Another organisation's session is not found. */
  async byId(organisationId: string, id: string): Promise<GroupSession> {
    const session = isUuid(id) ? await this.dataSource.getRepository(GroupSession).findOneBy({ id, organisationId }) : null;
    if (!session) throw notFound('GroupSession', id);
    return session;
  }

  list(organisationId: string, filter: GroupSessionFilter, page: PageArgs): Promise<Connection<GroupSession>> {
    if (filter.from && filter.to && compareDates(filter.from, filter.to) > 0)
      throw badInput('to', 'to must not be before from', CommonReason.INVALID_RANGE);
    const query = this.dataSource
      .getRepository(GroupSession)
      .createQueryBuilder('session')
      .where('session.organisationId = :organisationId', { organisationId });
    // Day bounds converted once, so the condition stays on the startsAt index.
    if (filter.from) query.andWhere(`session.startsAt >= (CAST(:from AS date)::timestamp AT TIME ZONE '${TIME_ZONE}')`, { from: filter.from });
    if (filter.to) query.andWhere(`session.startsAt < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`, { to: filter.to });
    if (filter.topic) query.andWhere('session.topic = :topic', { topic: filter.topic });
    return paginate(query, page, [{ sql: 'session.startsAt', value: (s) => s.startsAt.toISOString(), kind: 'timestamp' }]);
  }

  create(organisationId: string, input: CreateGroupSessionInput): Promise<GroupSession> {
    return this.dataSource.getRepository(GroupSession).save({
      organisationId,
      title: input.title,
      topic: input.topic,
      startsAt: input.startsAt,
      location: input.location ?? null,
      facilitator: input.facilitator ?? null,
    });
  }

  async addParticipants(organisationId: string, input: AddGroupSessionParticipantsInput): Promise<GroupSession> {
    const session = await this.byId(organisationId, input.sessionId);
    const traineeIds = [...new Set(input.traineeIds)];
    // Another organisation's client is as unknown here as one that does not exist.
    const known = new Set(
      (await this.dataSource.getRepository(Trainee).find({ select: { id: true }, where: { id: In(traineeIds), organisationId } })).map((t) => t.id),
    );
    const unknown = input.traineeIds.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
    if (unknown.length) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Some trainees do not exist', {
        reason: GroupSessionReason.UNKNOWN_TRAINEE,
        fields: unknown.map(({ index }) => ({ path: `input.traineeIds[${index}]`, message: 'no such trainee' })),
      });
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(GroupSessionParticipant)
      .values(traineeIds.map((traineeId) => ({ sessionId: session.id, traineeId })))
      .orIgnore()
      .execute();
    return session;
  }

  async recordAttendance(organisationId: string, input: RecordGroupSessionAttendanceInput): Promise<GroupSession> {
    const session = await this.byId(organisationId, input.sessionId);
    if (session.startsAt.getTime() > this.clock.now().getTime()) {
      throw conflict(GroupSessionReason.GROUP_SESSION_NOT_STARTED, 'Attendance can be recorded once the session has started', {
        details: { startsAt: session.startsAt.toISOString() },
      });
    }
    const traineeIds = input.entries.map((e) => e.traineeId);
    const duplicate = traineeIds.findIndex((id, i) => traineeIds.indexOf(id) !== i);
    if (duplicate >= 0)
      throw badInput(`input.entries[${duplicate}].traineeId`, 'each trainee may appear only once', GroupSessionReason.DUPLICATE_TRAINEE);
    return this.dataSource.transaction(async (manager) => {
      const participants = await manager.find(GroupSessionParticipant, {
        where: { sessionId: session.id, traineeId: In(traineeIds) },
        lock: { mode: 'pessimistic_write' },
      });
      const byTrainee = new Map(participants.map((p) => [p.traineeId, p]));
      const missing = input.entries.map((e, index) => ({ e, index })).filter(({ e }) => !byTrainee.has(e.traineeId));
      if (missing.length) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Attendance can be recorded only for participants of the session', {
          reason: GroupSessionReason.NOT_A_PARTICIPANT,
          fields: missing.map(({ index }) => ({ path: `input.entries[${index}].traineeId`, message: 'not a participant of this session' })),
        });
      }
      for (const entry of input.entries) byTrainee.get(entry.traineeId)!.attended = entry.attended;
      await manager.save([...byTrainee.values()]);
      return session;
    });
  }

  createLoaders() {
    return {
      /** Participants with their trainee joined in the same statement. */
      groupSessionParticipants: groupedLoader<string, GroupSessionParticipant>(
        (sessionIds) =>
          this.dataSource
            .getRepository(GroupSessionParticipant)
            .createQueryBuilder('participant')
            .innerJoinAndSelect('participant.trainee', 'trainee')
            .where('participant.sessionId IN (:...sessionIds)', { sessionIds: [...sessionIds] })
            .orderBy('trainee.lastName', 'ASC')
            .addOrderBy('trainee.firstName', 'ASC')
            .addOrderBy('participant.id', 'ASC')
            .getMany(),
        (participant) => participant.sessionId,
      ),
    };
  }
}

export type GroupSessionLoaders = ReturnType<GroupSessionService['createLoaders']>;
