/**
 * Kept so existing imports keep working: the result sheets now live in ./results (one module per sheet plus the
 * shared table builders). New code imports from './results'.
 */
export * from './results';
