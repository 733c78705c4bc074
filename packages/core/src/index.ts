export * from './program-rules.ts';
export * from './time.ts';
export * from './recurrence.ts';
export * from './attendance.ts';
export * from './ledger.ts';
export * from './roles.ts';
export * from './api/index.ts';
export * from './facilitator-clashes.ts';
