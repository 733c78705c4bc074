/** Request and response schemas shared by the server and the web app, one module per feature. */
export {};
export * from './audit.ts';
