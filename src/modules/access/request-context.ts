import type { OperationContext } from '../../platform/graphql/operation-context';
import type { AccessLogRecorder } from '../access-log/access-log.service';
import type { AccessLoaders } from './access.service';

/**
 * What a resolver gets per request: the platform's part (caller, request id, logger), the data
 * loaders it uses (`L`: each resolver names the loaders of the modules it reads, e.g.
 * `RequestContext<PlacementLoaders & TraineeLoaders>`), and the access bookkeeping the permission
 * matrix needs. No services: resolvers receive those in their constructor.
 */
export interface RequestContext<L = object> extends OperationContext {
  loaders: L;
  /** Scope and ownership look-ups for the permission matrix, batched per request. */
  access: AccessLoaders;
  /** Whose personal data this request read or wrote; written to the access log at its end. */
  accessLog: AccessLogRecorder;
}
