import type { z } from 'zod';
import type { ErrorShape } from './errors';
import {
  batchCreateQualifiedNumbersRequest,
  callbackConfigurationUpdate,
  createImportedNumberRequest,
  importNumbersRequest,
  listHostingOrderNumbersQuery,
  listHostingOrdersQuery,
  listImportedNumbersQuery,
  listQualifiedNumbersQuery,
  textEnableNumbersRequest,
  textEnableTollFreeNumbersRequest,
  updateImportedNumberRequest,
  verifyVoiceChallengeRequest,
} from './requests';
import {
  batchCreateQualifiedNumbersResponse,
  callbackConfiguration,
  emptyResponse,
  hostingOrder,
  hostingOrderNumber,
  hostingOrderReport,
  importedNumber,
  importedNumberResponse,
  importHostingOrder,
  listHostingOrderNumbersResponse,
  listHostingOrdersResponse,
  listImportedNumbersResponse,
  listQualifiedNumbersResponse,
  qualifiedNumber,
  textEnableResponse,
} from './resources';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Path parameters besides `projectId`, which every path has. */
export type PathParam = 'phoneNumber' | 'hostingOrderId';

export type SinchOperation = {
  /** The spec's operationId, verbatim. */
  operationId: string;
  /** Row of REFERENCE.md §4. */
  index: number;
  method: HttpMethod;
  /** Full path template, e.g. `/v1/projects/{projectId}/importedNumbers/{phoneNumber}`. */
  path: string;
  pathParams: readonly PathParam[];
  /** Query parameters (keys are wire names), when the operation has any. */
  query?: z.ZodType;
  /** Request body, when the operation has one. */
  body?: z.ZodType;
  /** 200 body. */
  response: z.ZodType;
  /** Error body shape the spec declares for this operation (§3.5). Gateway errors are problem JSON. */
  errorShape: ErrorShape;
  /**
   * Safe to repeat without reading state first. Only GETs: PATCH/DELETE are repeat-safe only once the
   * job layer re-read the resource (DESIGN.md, reconciliation), and POSTs never are (§3.7).
   */
  idempotent: boolean;
  /** For list operations: the key of the items array in the response envelope. */
  itemsKey?: string;
};

const P = '/v1/projects/{projectId}';

/** The 23 operations of REFERENCE.md §4, keyed by the client method that calls each. */
export const sinchOperations = {
  listImportedNumbers: {
    index: 1,
    operationId: 'ImportNumberService_ListImportedNumbers',
    method: 'GET',
    path: `${P}/importedNumbers`,
    pathParams: [],
    query: listImportedNumbersQuery,
    response: listImportedNumbersResponse,
    errorShape: 'flat',
    idempotent: true,
    itemsKey: 'importedNumbers',
  },
  importNumber: {
    index: 2,
    operationId: 'ImportNumberService_ImportNumber',
    method: 'POST',
    path: `${P}/importedNumbers`,
    pathParams: [],
    body: createImportedNumberRequest,
    response: importedNumber,
    errorShape: 'flat',
    idempotent: false,
  },
  getImportedNumber: {
    index: 3,
    operationId: 'ImportNumberService_GetImportedNumber',
    method: 'GET',
    path: `${P}/importedNumbers/{phoneNumber}`,
    pathParams: ['phoneNumber'],
    response: importedNumberResponse,
    errorShape: 'flat',
    idempotent: true,
  },
  updateImportedNumber: {
    index: 4,
    operationId: 'ImportNumberService_UpdateImportedNumber',
    method: 'PATCH',
    path: `${P}/importedNumbers/{phoneNumber}`,
    pathParams: ['phoneNumber'],
    body: updateImportedNumberRequest,
    response: importedNumber,
    errorShape: 'flat',
    idempotent: false,
  },
  deleteImportedNumber: {
    index: 5,
    operationId: 'ImportNumberService_DeleteImportedNumber',
    method: 'DELETE',
    path: `${P}/importedNumbers/{phoneNumber}`,
    pathParams: ['phoneNumber'],
    response: emptyResponse,
    errorShape: 'flat',
    idempotent: false,
  },
  listHostingOrders: {
    index: 6,
    operationId: 'HostingOrderService_ListHostingOrders',
    method: 'GET',
    path: `${P}/hostingOrders`,
    pathParams: [],
    query: listHostingOrdersQuery,
    response: listHostingOrdersResponse,
    errorShape: 'flat',
    idempotent: true,
    itemsKey: 'hostingOrders',
  },
  getHostingOrder: {
    index: 7,
    operationId: 'HostingOrderService_GetHostingOrder',
    method: 'GET',
    path: `${P}/hostingOrders/{hostingOrderId}`,
    pathParams: ['hostingOrderId'],
    response: hostingOrder,
    errorShape: 'flat',
    idempotent: true,
  },
  getHostingOrderReport: {
    index: 8,
    operationId: 'GetHostingOrderReport',
    method: 'GET',
    path: `${P}/hostingOrders/{hostingOrderId}/report`,
    pathParams: ['hostingOrderId'],
    response: hostingOrderReport,
    errorShape: 'flat',
    idempotent: true,
  },
  listHostingOrderNumbers: {
    index: 9,
    operationId: 'HostingOrderService_ListHostingOrderNumbers',
    method: 'GET',
    path: `${P}/hostingOrders/{hostingOrderId}/numbers`,
    pathParams: ['hostingOrderId'],
    query: listHostingOrderNumbersQuery,
    response: listHostingOrderNumbersResponse,
    errorShape: 'flat',
    idempotent: true,
    itemsKey: 'numbers',
  },
  getHostingOrderNumber: {
    index: 10,
    operationId: 'HostingOrderService_GetHostingOrderNumber',
    method: 'GET',
    path: `${P}/hostingOrders/{hostingOrderId}/numbers/{phoneNumber}`,
    pathParams: ['hostingOrderId', 'phoneNumber'],
    response: hostingOrderNumber,
    errorShape: 'flat',
    idempotent: true,
  },
  importNumbersOrder: {
    index: 11,
    operationId: 'HostingOrderService_ImportNumbers',
    method: 'POST',
    path: `${P}/hostingOrders:importNumbers`,
    pathParams: [],
    body: importNumbersRequest,
    response: importHostingOrder,
    errorShape: 'flat',
    idempotent: false,
  },
  textEnableNumbersOrder: {
    index: 12,
    operationId: 'TextEnableNumbers',
    method: 'POST',
    path: `${P}/hostingOrders:textEnableNumbers`,
    pathParams: [],
    body: textEnableNumbersRequest,
    response: hostingOrder,
    errorShape: 'flat',
    idempotent: false,
  },
  textEnableTollFreeNumbersOrder: {
    index: 13,
    operationId: 'TextEnableTollFreeNumbers',
    method: 'POST',
    path: `${P}/hostingOrders:textEnableTollFreeNumbers`,
    pathParams: [],
    body: textEnableTollFreeNumbersRequest,
    response: hostingOrder,
    errorShape: 'flat',
    idempotent: false,
  },
  listQualifiedNumbers: {
    index: 14,
    operationId: 'QualifiedNumberService_ListQualifiedNumbers',
    method: 'GET',
    path: `${P}/qualifiedNumbers`,
    pathParams: [],
    query: listQualifiedNumbersQuery,
    response: listQualifiedNumbersResponse,
    errorShape: 'flat',
    idempotent: true,
    itemsKey: 'qualifiedNumbers',
  },
  getQualifiedNumber: {
    index: 15,
    operationId: 'QualifiedNumberService_GetQualifiedNumber',
    method: 'GET',
    path: `${P}/qualifiedNumbers/{phoneNumber}`,
    pathParams: ['phoneNumber'],
    response: qualifiedNumber,
    errorShape: 'flat',
    idempotent: true,
  },
  deleteQualifiedNumber: {
    index: 16,
    operationId: 'QualifiedNumberService_DeleteQualifiedNumber',
    method: 'DELETE',
    path: `${P}/qualifiedNumbers/{phoneNumber}`,
    pathParams: ['phoneNumber'],
    response: emptyResponse,
    errorShape: 'flat',
    idempotent: false,
  },
  addQualifiedNumbers: {
    index: 17,
    operationId: 'QualifiedNumberService_BatchCreateQualifiedNumbers',
    method: 'POST',
    path: `${P}/qualifiedNumbers:addNumbers`,
    pathParams: [],
    body: batchCreateQualifiedNumbersRequest,
    response: batchCreateQualifiedNumbersResponse,
    errorShape: 'flat',
    idempotent: false,
  },
  textEnableQualifiedNumbers: {
    index: 18,
    operationId: 'QualifiedNumberService_TextEnableNumbers',
    method: 'POST',
    path: `${P}/qualifiedNumbers:textEnableNumbers`,
    pathParams: [],
    body: textEnableNumbersRequest,
    response: textEnableResponse,
    errorShape: 'flat',
    idempotent: false,
  },
  textEnableTollFreeQualifiedNumbers: {
    index: 19,
    operationId: 'QualifiedNumbersTextEnableTollFreeNumbers',
    method: 'POST',
    path: `${P}/qualifiedNumbers:textEnableTollFreeNumbers`,
    pathParams: [],
    body: textEnableTollFreeNumbersRequest,
    response: hostingOrder,
    errorShape: 'flat',
    idempotent: false,
  },
  sendVoiceChallenge: {
    index: 20,
    operationId: 'QualifiedNumberService_SendVoiceChallenge',
    method: 'POST',
    path: `${P}/qualifiedNumbers/{phoneNumber}:sendVoiceChallenge`,
    pathParams: ['phoneNumber'],
    response: qualifiedNumber,
    errorShape: 'flat',
    idempotent: false,
  },
  verifyVoiceChallenge: {
    index: 21,
    operationId: 'QualifiedNumberService_VerifyVoiceChallenge',
    method: 'POST',
    path: `${P}/qualifiedNumbers/{phoneNumber}:verifyVoiceChallenge`,
    pathParams: ['phoneNumber'],
    body: verifyVoiceChallengeRequest,
    response: qualifiedNumber,
    errorShape: 'flat',
    idempotent: false,
  },
  getCallbackConfiguration: {
    index: 22,
    operationId: 'GetCallbackConfiguration',
    method: 'GET',
    path: `${P}/callbackConfiguration`,
    pathParams: [],
    response: callbackConfiguration,
    errorShape: 'wrapped',
    idempotent: true,
  },
  updateCallbackConfiguration: {
    index: 23,
    operationId: 'UpdateCallbackConfiguration',
    method: 'PATCH',
    path: `${P}/callbackConfiguration`,
    pathParams: [],
    body: callbackConfigurationUpdate,
    response: callbackConfiguration,
    errorShape: 'wrapped',
    idempotent: false,
  },
} as const satisfies Record<string, SinchOperation>;

export type SinchOperationName = keyof typeof sinchOperations;
export const SINCH_OPERATION_NAMES = Object.keys(sinchOperations) as SinchOperationName[];

/** Finds an operation by the spec's operationId. */
export function operationById(
  operationId: string,
): (SinchOperation & { name: SinchOperationName }) | undefined {
  for (const name of SINCH_OPERATION_NAMES) {
    const op: SinchOperation = sinchOperations[name];
    if (op.operationId === operationId) return { ...op, name };
  }
  return undefined;
}
