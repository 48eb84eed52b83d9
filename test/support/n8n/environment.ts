/**
 * The environment n8n runs with under the harness.
 *
 * What we found out about n8n 2.41.1 (re-check when changing the pinned version):
 * - `N8N_RUNNERS_ENABLED` is obsolete on 2.x (runners are always on; setting it prints a deprecation
 *   warning). The JS runner starts in "internal" mode, which prints a deprecation warning whatever we
 *   set, and n8n also tries a Python runner and warns that its venv is missing: both harmless.
 *   `N8N_UNVERIFIED_PACKAGES_ENABLED` warns when it is *unset*, so we set it (to its default, true).
 * - Disabling ~20 unused modules saved only 1–2 s of startup, so we keep n8n's defaults apart from
 *   mcp-registry.
 */
import { LOOPBACK } from '../util';
import { N8N_1, n8nNodeModules, n8nRuntimeEnv } from './install';

/**
 * 1.x only (verified on 1.123.81, Node 20.20.2):
 * - its default expression engine (`vm`) needs isolated-vm 6.2.0, which ships prebuilt binaries for
 *   Node 22 and 24 only (ABI 127/137): on an older Node use `legacy`;
 * - `N8N_DISABLED_MODULES=mcp-registry` makes it exit (the module does not exist there), so it is
 *   left unset.
 * It warns at startup about `DB_SQLITE_POOL_SIZE`, `N8N_RUNNERS_ENABLED` (runners are off by default
 * on 1.x and no test needs them) and the legacy engine: harmless, n8n's 1.x defaults are kept.
 */
const N8N_1_ENV: Record<string, string> =
	Number(process.versions.node.split('.')[0]) < 22 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};

/**
 * The environment n8n runs with. Everything that would reach the internet (telemetry, version
 * checks, templates, banners, the MCP registry, the verified-community-packages list) is off,
 * because this machine cannot reach it and waiting for timeouts slows startup and tests.
 */
export function n8nEnvironment(args: {
	userFolder: string;
	port: number;
	brokerPort: number;
	encryptionKey: string;
	extra: Record<string, string>;
}): NodeJS.ProcessEnv {
	return n8nRuntimeEnv({
		// n8n finds n8n-workflow & co. for community packages (copied, not symlinked) through NODE_PATH.
		NODE_PATH: n8nNodeModules,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: args.userFolder,
		N8N_PORT: String(args.port),
		N8N_LISTEN_ADDRESS: LOOPBACK,
		N8N_HOST: LOOPBACK,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${LOOPBACK}:${args.port}`,
		N8N_WEBHOOK_URL: `http://${LOOPBACK}:${args.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(args.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: LOOPBACK,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: args.encryptionKey,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_HIDE_USAGE_PAGE: 'true',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		...(N8N_1 ? N8N_1_ENV : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// A test sometimes stops n8n with executions in flight; do not wait the default 30 s for them.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...args.extra,
	});
}
