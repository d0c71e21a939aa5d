/**
 * The Electron IPC channels of the app. Everything the renderer asks goes through
 * `desk:call` (channel name + input, answered with a Result envelope); everything the engine pushes
 * comes back on `desk:event` (event name + payload). Shared by the preload and electron/main.
 */
export const IPC_CALL = 'desk:call';
export const IPC_EVENT = 'desk:event';
/** Main → renderer: the engine restarted (events may have been missed; the renderer refetches). */
export const IPC_CONNECTION = 'desk:connection';
/**
 * Main → renderer: open one of the app's routes (a notification was clicked). The path is checked
 * against the app's route shapes (shared/contract/open-route.ts) in main, the preload and the page.
 */
export const IPC_OPEN_ROUTE = 'desk:open-route';
