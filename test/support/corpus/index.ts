/** The hostile-input corpora of the reliability tests and the checks of their answers. */
export { type Answer, checkAnswer, checkCase, MAX_ANSWER_BYTES } from './answers';
export { type AuthCase, authCorpus, wire } from './auth';
export { deepArray, deepObject } from './build';
export { malformedCorpus } from './malformed';
export {
	type CorpusCase,
	type Expected,
	type Group,
	type Known,
	LONG,
	type NodeKind,
} from './types';
