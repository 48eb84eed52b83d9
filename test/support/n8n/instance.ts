/**
 * An n8n the harness started: the API helpers of `Client` on top of the process that runs it, with
 * the owner, login and API key it sets up.
 */
import { Client, type ClientState } from './client';
import type { ProcessHandle } from './process';
import { apiKeyWorks, createApiKey, login, ownerMissing, restJson } from './signIn';
import { type HarnessState, writeState } from './state';
import type { N8nInstance } from './types';

export class Instance extends Client implements N8nInstance {
	constructor(
		state: ClientState,
		readonly n8nProcess: ProcessHandle,
		private readonly extraFailureLogs: ((lines: number) => string) | undefined,
		protected override readonly endedExecutionIds:
			((workflowId: string) => Promise<string[]>) | undefined,
	) {
		super(state);
	}

	get pid(): number | undefined {
		return this.n8nProcess.pid;
	}

	protected override processId(): number | undefined {
		return this.n8nProcess.pid;
	}

	protected override failureLogs(lines: number): string {
		return this.extraFailureLogs === undefined
			? super.failureLogs(lines)
			: this.extraFailureLogs(lines);
	}

	/** Owner (first start only), login cookie, API key (created once, then reused). */
	async authenticate(stateFile: string, state: HarnessState): Promise<void> {
		const { baseUrl } = this.state;
		if (await ownerMissing(baseUrl)) {
			await restJson(baseUrl, 'POST', '/rest/owner/setup', {
				email: state.owner.email,
				firstName: 'Harness',
				lastName: 'Owner',
				password: state.owner.password,
			});
		}
		this.state.cookie = await login(baseUrl, state.owner);
		if (state.apiKey === undefined || !(await apiKeyWorks(baseUrl, state.apiKey))) {
			state.apiKey = await createApiKey(baseUrl, this.state.cookie);
			writeState(stateFile, state);
		}
		this.state.apiKey = state.apiKey;
	}

	async restart(): Promise<void> {
		await this.n8nProcess.restart();
		this.state.cookie = await login(this.state.baseUrl, this.state.owner);
	}

	async stop(): Promise<void> {
		await this.n8nProcess.stop();
	}
}
