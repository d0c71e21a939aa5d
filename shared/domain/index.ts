export * from './limits';
export * from './loa-check';
export * from './next-steps';
export * from './phone';
export * from './planner';
export * from './tasks';
