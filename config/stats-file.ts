/**
 * Writes webpack's stats (chunks, their modules and sizes) to a file after an H5 build, so the
 * first screen's scripts can be inspected (`LINLI_H5_STATS=/tmp/h5-stats.json npm run build:h5`).
 * Only for looking at the bundle; the build does not need it.
 */
import { writeFileSync } from 'node:fs';
import type { Compiler } from 'webpack';

export class StatsFilePlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('StatsFilePlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: true, chunkRelations: true, assets: true, entrypoints: true, chunkGroups: true, ids: true });
      writeFileSync(this.file, JSON.stringify(json));
    });
  }
}
