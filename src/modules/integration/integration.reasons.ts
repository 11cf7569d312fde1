import { ErrorCode, reasons } from '../../platform/errors';

/** Why the integration module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const IntegrationReason = reasons('integration', {
  MESSAGE_ALREADY_DELIVERED: [ErrorCode.CONFLICT, 'The message has been delivered; only a pending or failed message can be sent again'],
});

/** Why an inbound message was not applied: recorded on the message (a code, never personal data). */
export enum InboundRefusal {
  UNKNOWN_EMPLOYMENT_AREA = 'UNKNOWN_EMPLOYMENT_AREA',
  MALFORMED = 'MALFORMED',
  DUPLICATE_OPEN_REFERRAL = 'DUPLICATE_OPEN_REFERRAL',
  UNKNOWN_APPLICATION = 'UNKNOWN_APPLICATION',
  APPLICATION_NOT_SUBMITTED = 'APPLICATION_NOT_SUBMITTED',
  APPLICATION_ALREADY_DECIDED = 'APPLICATION_ALREADY_DECIDED',
}
