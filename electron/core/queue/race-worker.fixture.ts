/**
 * Test fixture (job-queue.race.test.ts): one worker process that claims and completes jobs from the
 * database given on argv until nothing is left, then prints the ids it completed as JSON.
 */
import { openDatabase } from '../store/database';
import { JobQueue } from './job-queue';

const [file, key, workerId] = process.argv.slice(2) as [string, string, string];
const db = openDatabase({ file, key });
const queue = new JobQueue(db, { workerId });
const done: number[] = [];
let idle = 0;
while (idle < 50) {
  const lease = queue.claim();
  if (!lease) {
    idle++;
    continue;
  }
  idle = 0;
  queue.recordIntent(lease, `sent by ${workerId}`);
  const outcome = queue.complete(lease, { summary: `done by ${workerId}`, status: 200 });
  if (outcome.ok) done.push(lease.jobId);
}
db.close();
process.stdout.write(JSON.stringify(done));
