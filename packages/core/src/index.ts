export * from './errors/index';
