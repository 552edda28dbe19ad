/**
 * The API's RFC 9457 problems as the app shows them: the title and the detail the API wrote (in
 * the reader's language, through Accept-Language), and the field errors of a 400.
 */
import {
  Alert,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@rijkshuisstijl-community/components-react';
import { useTranslation } from 'react-i18next';

export interface ProblemBody {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly path?: string; readonly message?: string }[];
  readonly [key: string]: unknown;
}

/** An answer other than 2xx, with the problem the API sent. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ProblemError';
  }
}

/** The data of an openapi-fetch answer; throws a {@link ProblemError} for anything else. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem =
      typeof result.error === 'object' && result.error !== null
        ? (result.error as ProblemBody)
        : { title: String(result.error ?? result.response.statusText) };
    throw new ProblemError(result.response.status, problem);
  }
  return result.data as T;
}

/**
 * The JSON data of an answer from a route that can also answer text (minutes in Markdown, deadlines
 * in iCalendar): the typed client offers both; a JSON request gets the object.
 */
export function unwrapJson<T>(result: { data?: T; error?: unknown; response: Response }): Exclude<T, string> {
  const data = unwrap(result);
  if (typeof data === 'string') throw new ProblemError(result.response.status, { title: 'expected JSON' });
  return data as Exclude<T, string>;
}

/** The value of the input, textarea or select whose change event bubbled up to a form field. */
export function fieldValue(event: { target: EventTarget }): string {
  return (event.target as HTMLInputElement).value;
}

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem: ProblemBody =
    error instanceof ProblemError ? error.problem : { title: t('problem.unexpected'), detail: String(error) };
  return (
    <Alert type="error" role="alert">
      <Paragraph>
        <strong>{problem.title ?? t('problem.unexpected')}</strong>
        {problem.detail ? ` ${problem.detail}` : ''}
      </Paragraph>
      {problem.errors && problem.errors.length > 0 ? (
        <UnorderedList>
          {problem.errors.map((fieldError) => (
            <UnorderedListItem key={`${fieldError.path}-${fieldError.message}`}>
              {fieldError.path ? `${fieldError.path}: ` : ''}
              {fieldError.message}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </Alert>
  );
}
