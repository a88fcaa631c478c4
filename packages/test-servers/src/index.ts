export { startServer, type TestServer } from './postgres.js';
