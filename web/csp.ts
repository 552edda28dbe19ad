/**
 * The web app's Content-Security-Policy, one source for the local server (infra/local/web-app.ts)
 * and CloudFront (infra/constructs/web-app.ts). Scripts only from the app's origin; styles too,
 * except the two `<style>` elements the Utrecht component library injects at start (its own CSS,
 * and the empty element it creates first), allowed by their hashes. The browser test fails on any
 * CSP violation, so a library update that changes them shows at once.
 */
export const INJECTED_STYLE_HASHES = [
  "'sha256-MchA9qWekAhhcbQrV5soxd8OzgXQCnq7EwjHHVUTERc='",
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
] as const;

/** The policy; `signInOrigins` are where the browser may also talk to and post to (Cognito). */
export function contentSecurityPolicy(signInOrigins: readonly string[] = []): string {
  const extra = signInOrigins.length > 0 ? ` ${signInOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${INJECTED_STYLE_HASHES.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${extra}`,
    "object-src 'none'",
  ].join('; ');
}
