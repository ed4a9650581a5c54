export * from './activity';
export * from './auth';
export * from './connections';
export * from './errors';
export * from './events';
export * from './providers';
export * from './oauth-messages';
