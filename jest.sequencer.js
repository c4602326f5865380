const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (failed first, then slowest by the cache, then largest), with the contract suite at
 * the head: it is one file of several minutes (Schemathesis, three runs), and on a fresh clone, with
 * no timings cached, Jest would start it last, alone on one worker while the other sat idle.
 */
class ContractFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const contract = (test) => test.path.includes('/test/contract/');
    return [...sorted.filter(contract), ...sorted.filter((test) => !contract(test))];
  }
}

module.exports = ContractFirst;
