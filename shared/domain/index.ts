export * from './limits';
export * from './phone';
export * from './planner';
export * from './tasks';
