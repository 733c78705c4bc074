/** Request and response schemas shared by the server and the web app, one module per feature. */
export {};
export * from './audit.ts';
export * from './participants.ts';
export * from './attendance.ts';
export * from './ledger.ts';
export * from './setup.ts';
export * from './sessions.ts';
export * from './participant-attendance.ts';
export * from './dates.ts';
export * from './staff.ts';
export * from './account.ts';
export * from './facilitator-clashes.ts';
export * from './intake.ts';
export * from './measures.ts';
export * from './clinical.ts';
export * from './public.ts';
export * from './inquiries.ts';
export * from './portal.ts';
