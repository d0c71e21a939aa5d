import type { AppStatus, ChannelName, EventPayload, KeychainStatus } from '../../../shared/contract';
import type { HandlerTable } from '../../../shared/contract/dispatch';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { EmbeddedSimulator } from '../simulator-host/embedded';
import type { WorkspaceSessions } from '../workspace-session';
import type { Credentials } from '../workspaces/credentials';
import type { OpenWorkspace, Workspaces } from '../workspaces/workspaces';

/** What every concept's handlers may use: the engine's long-lived parts, built once by createEngine. */
export type EngineContext = {
  shell: AppStatus['shell'];
  dataDir: string;
  startedAt: string;
  /** false when the engine runs no embedded simulator (an external one, or none) */
  embedsSimulator: boolean;
  workspaces: Workspaces;
  credentials: Credentials;
  sessions: WorkspaceSessions;
  simulator: EmbeddedSimulator;
  emit: EventBus['emit'];
  logger: Logger;
  now(): number;
  keychain(): KeychainStatus;
  probeKeychain(): Promise<KeychainStatus>;
  /** the open workspace; throws (with the reason) when its database could not be opened */
  active(): OpenWorkspace;
  /** the open workspace's sync state as `sync.status` answers and `sync.state` pushes it */
  syncState(): EventPayload<'sync.state'>;
};

/** The handlers of one contract concept: every channel whose name starts with `<concept>.`. */
export type ConceptHandlers<Prefix extends string> = Pick<
  HandlerTable,
  Extract<ChannelName, `${Prefix}.${string}`>
>;
