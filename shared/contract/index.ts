import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { auditChannels, auditEvents } from './audit';
import { credentialsChannels, credentialsEvents } from './credentials';
import { intakeChannels, intakeEvents } from './intake';
import { exportsChannels, exportsEvents } from './exports';
import { jobsChannels, jobsEvents } from './jobs';
import { loaProfilesChannels, loaProfilesEvents } from './loa';
import { numbersChannels, numbersEvents } from './numbers';
import { ordersChannels, ordersEvents } from './orders';
import {
  importedNumbersChannels,
  operationsEvents,
  qualificationChannels,
  voiceChannels,
} from './operations';
import { sandboxChannels, sandboxEvents } from './sandbox';
import { settingsChannels, settingsEvents } from './settings';
import { syncChannels, syncEvents } from './sync';
import { workspacesChannels, workspacesEvents } from './workspaces';

export * from './app';
export * from './audit';
export * from './credentials';
export * from './intake';
export * from './exports';
export * from './jobs';
export * from './loa';
export * from './numbers';
export * from './orders';
export * from './operations';
export * from './sandbox';
export * from './settings';
export * from './sync';
export * from './workspaces';
export * from './define';
export * from './envelope';
export * from './open-route';

/**
 * The contract: every channel the renderer may call and every event the engine may push.
 * Add a concept as its own file (like ./app.ts) exporting `<concept>Channels` and `<concept>Events`,
 * then spread it in here. Everything else — preload, browser client, shells' validation, contract
 * tests — is derived from these two maps.
 */
export const channels = {
  ...appChannels,
  ...workspacesChannels,
  ...credentialsChannels,
  ...jobsChannels,
  ...syncChannels,
  ...auditChannels,
  ...sandboxChannels,
  ...loaProfilesChannels,
  ...settingsChannels,
  ...exportsChannels,
  ...ordersChannels,
  ...numbersChannels,
  ...qualificationChannels,
  ...voiceChannels,
  ...importedNumbersChannels,
  ...intakeChannels,
} as const;

export const events = {
  ...appEvents,
  ...workspacesEvents,
  ...credentialsEvents,
  ...jobsEvents,
  ...syncEvents,
  ...auditEvents,
  ...sandboxEvents,
  ...loaProfilesEvents,
  ...settingsEvents,
  ...exportsEvents,
  ...ordersEvents,
  ...numbersEvents,
  ...operationsEvents,
  ...intakeEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels & string;
/** What the caller passes (before defaults are applied). */
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after parsing and defaults). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type Output<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
