const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { seconds } = require('./test/durations.json');

/**
 * Longest first, so that the two workers finish together: a long file started last keeps one
 * worker busy alone at the end while the other sits idle. A file's length is what Jest cached from
 * the last run on this machine, else the checked-in table test/durations.json (a fresh clone, as in
 * CI, has no cache: Jest alone would order it by file size, and a small file that waits a minute for
 * an exchange to end would come last). A file in neither comes after them, largest first. A file
 * that failed last time still comes first. `npm run test:durations` writes the table from the last
 * `npm run test:all`.
 */
class LongestFirst extends Sequencer {
  async sort(tests) {
    const bySize = await super.sort(tests);
    const estimate = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached;
      const listed = seconds[relative(__dirname, test.path).split('\\').join('/')];
      return listed == null ? null : listed * 1000;
    };
    const known = bySize.filter((test) => estimate(test) != null);
    const unknown = bySize.filter((test) => estimate(test) == null);
    known.sort((a, b) => estimate(b) - estimate(a));
    const failed = (test) => this.hasFailed(test);
    const ordered = [...known, ...unknown];
    return [...ordered.filter(failed), ...ordered.filter((test) => !failed(test))];
  }
}

module.exports = LongestFirst;
