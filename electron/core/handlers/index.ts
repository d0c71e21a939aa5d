import type { HandlerTable } from '../../../shared/contract/dispatch';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import type { EngineContext } from './context';
import { credentialsHandlers } from './credentials';
import { intakeHandlers } from './intake';
import { exportsHandlers } from './exports';
import { jobsHandlers } from './jobs';
import { loaProfilesHandlers } from './loa';
import { numbersHandlers } from './numbers';
import { ordersHandlers } from './orders';
import { importedNumbersHandlers, qualificationHandlers, voiceHandlers } from './operations';
import { sandboxHandlers } from './sandbox';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import { workspacesHandlers } from './workspaces';

export type { ConceptHandlers, EngineContext } from './context';
export { syncStateOf } from './sync';

/**
 * THE one place the contract's handler table is assembled: one module per concept of
 * shared/contract, each answering exactly its own channels. `satisfies HandlerTable` makes a
 * channel without a handler (or a handler for a channel that does not exist) a compile error.
 */
export function createHandlers(ctx: EngineContext): HandlerTable {
  return {
    ...appHandlers(ctx),
    ...workspacesHandlers(ctx),
    ...credentialsHandlers(ctx),
    ...jobsHandlers(ctx),
    ...syncHandlers(ctx),
    ...auditHandlers(ctx),
    ...sandboxHandlers(ctx),
    ...loaProfilesHandlers(ctx),
    ...settingsHandlers(ctx),
    ...exportsHandlers(ctx),
    ...ordersHandlers(ctx),
    ...numbersHandlers(ctx),
    ...qualificationHandlers(ctx),
    ...voiceHandlers(ctx),
    ...importedNumbersHandlers(ctx),
    ...intakeHandlers(ctx),
  } satisfies HandlerTable;
}
