/**
 * The one set of esbuild options every Lambda bundle is built with: `HandlerFunction` hands them
 * to `NodejsFunction`, and the bundle-size test hands the same values to esbuild directly, so the
 * size it measures is the size that is deployed.
 */
import type { BuildOptions } from 'esbuild';

/**
 * ESM bundles need `require` for the CommonJS dependencies esbuild inlines (it otherwise throws
 * "Dynamic require of … is not supported" at run time).
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The esbuild settings shared by the deployed functions and the bundle-size test. */
export const LAMBDA_BUNDLING = {
  /** The Lambda runtime's Node major (see `HandlerFunction` for why 22). */
  target: 'node22',
  format: 'esm',
  /** Prefer the ESM build of dual packages: smaller, and tree-shakeable. */
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  /** Stack traces map back to the sources without shipping them (smaller bundles). */
  sourcesContent: false,
  banner: CREATE_REQUIRE_BANNER,
  /**
   * Bundle the AWS SDK too: the functions run the exact `@aws-sdk/*` versions the tests ran,
   * not whatever version the runtime happens to ship.
   */
  bundleAwsSDK: true,
} as const;

/** The same settings as esbuild `build()` options, for `entry`. */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: LAMBDA_BUNDLING.format,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    banner: { js: LAMBDA_BUNDLING.banner },
    // NodejsFunction marks nothing external when the SDK is bundled.
    external: [],
    logLevel: 'silent',
  };
}
