import type { BundleOptions } from '@temporalio/worker';
import * as path from 'node:path';

/**
 * Temporal's bundler does not read tsconfig paths: workflow code imports `@liaison/domain`, so the
 * bundle gets an alias to it. The relative layout is the same in the sources and in dist/.
 */
export function workflowBundlerOptions(): Required<Pick<BundleOptions, 'webpackConfigHook'>> {
  return {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: { ...(config.resolve?.alias ?? {}), '@liaison/domain': path.resolve(__dirname, '../../domain/src') },
      },
    }),
  };
}
