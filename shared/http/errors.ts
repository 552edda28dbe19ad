/** Errors the HTTP edge raises itself, before any use case runs. problems.ts maps them like the rest. */

/** One invalid field, with its location (`body.title`, `query.phase`, `path.id`, `header.idempotency-key`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The request does not match its schema (400). */
export class InvalidRequestError extends Error {
  constructor(readonly errors: readonly FieldIssue[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; ') || 'the request is not valid');
    this.name = 'InvalidRequestError';
  }
}

/** No bearer token, or one without a `party` claim (401). */
export class UnauthenticatedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnauthenticatedError';
  }
}

/** The caller's party or role may not call this route (403). */
export class CallerNotAllowedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CallerNotAllowedError';
  }
}

/** No route for this method and path (404): API Gateway answers this itself; the local server may not. */
export class RouteNotFoundError extends Error {
  constructor(readonly routeKey: string) {
    super(`there is no route ${routeKey}`);
    this.name = 'RouteNotFoundError';
  }
}

/** `If-Match` names none of the tags of the resource as it is now (412): someone changed it since. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly expected: readonly string[],
    readonly current: string | undefined,
  ) {
    super(
      current === undefined
        ? 'If-Match names a version, but the resource has no current representation'
        : `If-Match names ${expected.join(', ')}, but the resource is now ${current}: read it again`,
    );
    this.name = 'PreconditionFailedError';
  }
}

/** The request's body is not JSON (415): its Content-Type names another media type. */
export class UnsupportedMediaTypeError extends Error {
  constructor(readonly contentType: string) {
    super(`the body is ${contentType}; send it as application/json`);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** `GET /problems/{slug}` for a slug that names no problem type of this API (404). */
export class ProblemTypeNotFoundError extends Error {
  constructor(readonly slug: string) {
    super(`there is no problem type ${slug}`);
    this.name = 'ProblemTypeNotFoundError';
  }
}
