/**
 * The form engine: turns a form definition into a validator shared by the browser and the server.
 * Framework-free: no DOM, no Node APIs.
 */
export { compile } from './compile.ts';
export { collectFileAnswers, fileFields, typeAccepted } from './files.ts';
export type { FileAnswer } from './files.ts';
export type { CompiledForm, FieldErrorOut, Lang, RepetitionIndex } from './compile.ts';
export { DefinitionError, validateDefinition } from './definition.ts';
export type { DefinitionIssue } from './definition.ts';
export { evaluate, isFilled } from './conditions.ts';
export { dateProblem, isoDate, joinDate, splitDate } from './dates.ts';
export type { DateParts, DateProblem } from './dates.ts';
export { formatIban, isValidIban, isValidPostalCode, normalizeIban } from './iban.ts';
export { ERROR_CODES, MESSAGES, fileTypeNames, formatMessage, orList } from './messages.ts';
export type { ErrorCode, MessageText } from './messages.ts';
export { ROUTING_CODES, routeByPlace, routingAnswers, routingError } from './routing.ts';
export type { RouteOutcome, RoutingAnswers, RoutingCode } from './routing.ts';
