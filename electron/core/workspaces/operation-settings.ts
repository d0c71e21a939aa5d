import {
  DEFAULT_OPERATION_SETTINGS,
  type OperationSettings,
} from '../../../shared/domain/operation-settings';
import type { OpenWorkspace } from './workspaces';

/**
 * The open workspace's operation settings (qualification review limit, voice attempts). The one
 * place the sync loop and the channel handlers read them: the workspace settings concept (`settings.*`,
 * being added on main) answers here once it lands; until then every workspace has the defaults.
 */
export function operationSettingsOf(_ws: OpenWorkspace): OperationSettings {
  return DEFAULT_OPERATION_SETTINGS;
}
