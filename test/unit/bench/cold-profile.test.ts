// Where a cold request's time goes (bench/cold-profile.ts): the table the bench README's section 1
// explains the cold-request ratios with rests on charging each profile sample to the right part.
import { SourceMap } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chargeProfile, componentOf } from '../../../bench/cold-profile.ts';

const BUNDLE = 'file:///tmp/bench/index.mjs';
/** Line 0 of the bundle: column 5 comes from zod, column 10 from shared/schemas; column 0 is its top level. */
const map = new SourceMap({
  version: 3,
  file: 'index.mjs',
  sourceRoot: '',
  sourcesContent: [],
  sources: ['../../node_modules/zod/v4/core/schemas.js', '../../shared/schemas/common.ts'],
  names: [],
  mappings: 'KAAA,KCAA',
});
const frame = (functionName: string, url = '', columnNumber = 0) => ({
  functionName,
  url,
  lineNumber: 0,
  columnNumber,
});

describe('bench cold profile', () => {
  it('names the part of a bundle a source file belongs to: the AWS SDK, the Tracer, a package, a project folder', () => {
    expect(componentOf('../../node_modules/@smithy/core/dist-es/index.js')).toBe('AWS SDK');
    expect(componentOf('../../node_modules/@aws-sdk/client-dynamodb/dist-es/index.js')).toBe('AWS SDK');
    expect(componentOf('../../node_modules/aws-xray-sdk-core/dist/lib/index.js')).toBe('Tracer + X-Ray SDK');
    expect(componentOf('../../node_modules/zod/v4/core/schemas.js')).toBe('zod');
    expect(componentOf('../../../../work/repo/shared/schemas/common.ts')).toBe('shared/schemas');
    expect(componentOf('floor dynamodb.mjs')).toBe('the floor’s own source');
  });

  it('charges a sample to the innermost bundle frame on its stack, split at the marks', () => {
    const profile = {
      startTime: 0,
      endTime: 4_000,
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4, 6, 7] },
        // zod's code calling into Node (a socket write): charged to zod, which asked for it
        { id: 2, callFrame: frame('construct', BUNDLE, 5), children: [3] },
        { id: 3, callFrame: frame('write', 'node:net') },
        { id: 4, callFrame: frame('(garbage collector)') },
        { id: 5, callFrame: frame('schema', BUNDLE, 10) },
        // the bundle's top level: every ES module of it evaluated there
        { id: 6, callFrame: frame('', BUNDLE, 0), children: [5] },
        { id: 7, callFrame: frame('compileSourceTextModule', 'node:internal/modules/esm/utils') },
      ],
      samples: [7, 3, 4, 6, 5, 5],
      timeDeltas: [0, 1_000, 1_000, 1_000, 1_000, 1_000],
    };
    const charged = chargeProfile(profile, BUNDLE, map, [3_500, 10_000]);
    expect(Object.fromEntries(charged)).toEqual({
      'V8: compiling the bundle': [1, 0, 0],
      zod: [1, 0, 0],
      '(garbage collector)': [1, 0, 0],
      'the bundle’s top level (its ES modules evaluated)': [1, 0, 0],
      'shared/schemas': [0, 1, 0],
    });
  });
});
