/**
 * The citizen's route: the status of a submission, with reference and access code.
 */
import { StatusQuery, StatusView } from './submission.ts';
import type { RouteDef } from './route-def.ts';

export const getStatus = {
  method: 'POST',
  path: '/status',
  summary:
    'Status of a submission for its id or reference plus access code. Unknown and wrong answer alike (404).',
  tag: 'status',
  body: StatusQuery,
  response: StatusView,
  status: 200,
  retry: true,
} as const satisfies RouteDef;
