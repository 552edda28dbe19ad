/** RFC 9457 problem details: the body of every error response (`application/problem+json`). */
import * as z from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldError = z
  .object({
    path: z.string().meta({ description: 'Where the error is, e.g. `body.standards[0]` or `query.phase`.' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

/**
 * A problem. Extension members (RFC 9457 section 3.2) carry the details a client acts on: the
 * field errors, the phase and possible actions, the covenant rule and its article, and so on.
 */
export const Problem = z
  .looseObject({
    type: z
      .string()
      .regex(/^(?:[a-z][a-z0-9+.-]*:|\/)\S*$/i, 'a URI, or a path resolved against the request')
      .meta({
        format: 'uri-reference',
        description:
          'Identifies the problem type; stable. Relative (`/v1/problems/{slug}`), resolved against the request: GET it for the type’s documentation.',
      }),
    title: z.string().min(1),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request path the problem occurred at.' }),
    correlationId: z.string().optional(),
    errors: z.array(FieldError).optional().meta({ description: 'The invalid fields (400).' }),
    phase: z.string().optional().meta({ description: 'The proposal’s phase (409).' }),
    possibleActions: z
      .array(z.string())
      .optional()
      .meta({ description: 'What the current phase accepts (409).' }),
    rule: z.string().optional().meta({ description: 'The covenant rule that refuses the request (422).' }),
    article: z.string().optional().meta({ description: 'The covenant article of that rule (422).' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export type ProblemBody = z.infer<typeof Problem>;

/** `GET /problems/{slug}`: a problem type's slug, the last segment of its `type` URI. */
export const ProblemTypeParams = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .meta({
      description: 'The problem type’s slug, e.g. `attendance-quorum`.',
      example: 'attendance-quorum',
    }),
});

/** The OpenAPI document served at `GET /openapi.json`, as far as a client relies on its shape. */
export const OpenApiDocumentShape = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument' });
