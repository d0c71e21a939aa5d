export * from './limits';
export * from './phone';
export * from './planner';
export * from './tasks';
export * from './next-steps';
