export * from './program-rules.ts';
export * from './time.ts';
export * from './recurrence.ts';
export * from './attendance.ts';
export * from './ledger.ts';
export * from './roster.ts';
export * from './roles.ts';
export * from './api/index.ts';
