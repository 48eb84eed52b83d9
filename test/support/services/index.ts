/**
 * Processes the real-n8n harness runs besides n8n: its own PostgreSQL and Redis servers for queue
 * mode (see queue.ts), and the process plumbing every harness process shares (spawning in a
 * process group guarded by a watchdog, stopping by PID, cleanup when the test process ends).
 */
export { aptGetInstall, ensureQueueModeServices, findOnPath } from './apt';
export { type LiveProcess, registerLive, unregisterLive } from './cleanup';
export { groupAlive, killGroup, pidAlive } from './pids';
export { assertPortFree, freePorts } from './ports';
export { type PostgresOptions, type PostgresServer, startPostgres } from './postgres';
export { GuardedProcess, type GuardedSpawnOptions, type StopStep } from './process';
export { type RedisOptions, type RedisServer, startRedis } from './redis';
