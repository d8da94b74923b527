import * as migration_20261124_011909_initial from './20261124_011909_initial';

export const migrations = [
  {
    up: migration_20261124_011909_initial.up,
    down: migration_20261124_011909_initial.down,
    name: '20261124_011909_initial'
  },
];
