// Worker entry: registers tsx's loader in this thread (a worker does not inherit the parent's module hooks), then runs
// the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./solve-worker.ts');
