import { clearDrafts } from '../intake/drafts';
import { clearCopies } from '../loa/job-copies';
import { clearBatches } from '../queue/commit-plan';
import { clearJobs } from '../queue/job-queue';
import { clearNumbers } from '../store/numbers';
import { clearOrders } from '../store/orders';
import type { OpenWorkspace } from './workspaces';

/**
 * Forget a workspace's work — drafts, orders, numbers and their history (states and observed steps), jobs with their attempts, batches,
 * 429 pauses and the audit log — in one transaction, each table through its owner module. What the
 * user set up stays: LOA profiles, settings, the sync switch. Used by `sandbox.reset`, whose simulator
 * forgot the same things; never offered for a Live workspace (real Sinch does not forget). A table of
 * work added later (drafts, order index, history) is cleared here too, through its owner.
 */
export function clearWorkspaceWork(ws: OpenWorkspace): void {
  ws.db
    .transaction(() => {
      clearDrafts(ws.db);
      clearOrders(ws.db); // its numbers' rows (order_numbers) go with it
      clearNumbers(ws.db);
      clearJobs(ws.db);
      clearCopies(ws.db); // the jobs' LOA copies go with their jobs
      clearBatches(ws.db);
      ws.audit.clear();
    })
    .immediate();
}
