// Preloaded into the Polku process of the referral-intake scenario (NODE_OPTIONS=--require, see
// bench/intake.ts): counts every SQL statement Polku's StatementCounter records (what
// x-polku-statements counts per request, here over the whole process, jobs included) and writes
// the running total to BENCH_STATEMENT_TAP_FILE ten times a second (a new file renamed over the
// old, so a reader never sees it half written). pg-boss's own pool is not TypeORM's and is not
// counted. Loads the built counter (dist/), as the server it taps does; the main thread only.
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const file = process.env.BENCH_STATEMENT_TAP_FILE;
if (file && isMainThread) {
  const { StatementCounter } = require(path.join(__dirname, '..', 'dist', 'src', 'platform', 'database', 'query-counter.js'));
  const record = StatementCounter.prototype.record;
  let total = 0;
  StatementCounter.prototype.record = function countedRecord() {
    total += 1;
    return record.call(this);
  };
  const write = () => {
    try {
      fs.writeFileSync(`${file}.next`, String(total));
      fs.renameSync(`${file}.next`, file);
    } catch {
      // The harness reads what was written last.
    }
  };
  write();
  setInterval(write, 100).unref();
}
