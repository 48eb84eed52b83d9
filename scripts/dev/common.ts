/**
 * What the parts of `npm run dev` share: the login, the Artisio credential, the ports of `--queue`
 * and how they print.
 */
export const OWNER = { email: 'dev@example.com', password: 'Dev-password-1' };
export const CREDENTIAL_NAME = 'Artisio Webhook API (dev)';
export const CREDENTIAL_TYPE = 'artisioWebhookApi';
/** Long enough for the credential's own Test button (32 characters at least); for this local n8n only. */
export const DEV_TOKEN = 'dev-token-for-this-local-n8n-only-change-me';

/** Webhook processes of `--queue` listen at the main's port plus these. */
export const QUEUE_WEBHOOK_PORT_OFFSETS = { webhookA: 10, webhookB: 11 } as const;

/**
 * Called with n8n (or the queue cluster) as soon as it is up, so that a failure afterwards stops it
 * gracefully.
 */
export type OnRunning = (running: { stop(): Promise<void> }) => void;

export function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}
