// Registers aws-sdk-client-mock's vitest matchers (toHaveReceivedCommandWith, …) once for the
// test files that import this helper.
import { allCustomMatcher, type CustomMatcher } from 'aws-sdk-client-mock-vitest';
import { expect } from 'vitest';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the matcher interface is generic over the received value.
  interface Matchers<T = any> extends CustomMatcher<T> {}
}
