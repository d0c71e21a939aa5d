/** Zod schemas and enums of the Sinch Imported Numbers & Hosting Orders API (REFERENCE.md). */
export * from './auth';
export * from './callback';
export * from './enums';
export * from './errors';
export * from './operations';
export * from './phone';
export * from './requests';
export * from './resources';
