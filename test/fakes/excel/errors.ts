/**
 * Errors shaped like OfficeExtension.Error (Office's RichApi.Error): code, message and debugInfo
 * {code, message, errorLocation}. The fake throws these where Excel would.
 */

export type FakeErrorCode =
  | 'PropertyNotLoaded'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidReference'
  | 'ApiNotFound'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'GeneralException'
  | 'AccessDenied'
  | 'Conflict'
  | 'ActivityLimitReached'
  | 'InvalidOperationInCellEditMode'
  | 'UnsupportedOperation';

/** Office's own texts (en-US) for the codes the fake raises. */
export const OFFICE_MESSAGES: Record<FakeErrorCode, string> = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  GeneralException: 'There was an internal error while processing the request.',
  AccessDenied: 'You cannot perform the requested operation.',
  Conflict: 'Request could not be processed because of a conflict.',
  ActivityLimitReached: 'Activity limit has been reached.',
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  UnsupportedOperation: 'The operation being attempted is not supported.',
};

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation: string;
  /** Extra detail from the fake (never present in Office's own errors, handy when a test fails). */
  fakeDetail?: string;
}

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: FakeErrorCode;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];

  constructor(code: FakeErrorCode, errorLocation: string, detail?: string, messageArg?: string) {
    const message = OFFICE_MESSAGES[code].replace('{0}', messageArg ?? '');
    super(message);
    this.code = code;
    this.debugInfo = { code, message, errorLocation, ...(detail ? { fakeDetail: detail } : {}) };
  }
}

export function propertyNotLoaded(entity: string, property: string): FakeOfficeError {
  return new FakeOfficeError('PropertyNotLoaded', `${entity}.${property}`, undefined, property);
}
