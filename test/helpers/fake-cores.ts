/**
 * Fake Cores shared by the Slack and Discord tests: the port each adapter talks to, never the adapter.
 * Platform-specific fakes (fixture answers, hostile passages) build on {@link recordingCore}.
 */
import type { Answer, AskRequest, Core } from '../../src/core/types.js';

/** A Core that keeps a copy of every request it receives, in order. */
export interface RecordingCore extends Core {
  requests: AskRequest[];
}

/** Wrap `ask` and `documents` so that every request is recorded (a copy: callers may reuse their arrays). */
export function recordingCore(ask: (req: AskRequest) => Promise<Answer>, documents: Core['documents']): RecordingCore {
  const requests: AskRequest[] = [];
  return {
    requests,
    async ask(req) {
      requests.push(structuredClone(req));
      return ask(req);
    },
    documents,
  };
}

/** A core whose every question and document list fails with `error` (e.g. an unreadable index). */
export function throwingCore(error: unknown = new Error('index file is corrupt')): RecordingCore {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return recordingCore(fail, fail);
}

/** A core gated by `release()`: proves that acknowledgements never wait on the core. */
export interface GatedCore extends RecordingCore {
  /** Let every waiting and later question through. */
  release(): void;
  /** Resolves when the first question reaches the core. */
  started: Promise<void>;
  /** Questions waiting at the gate now. */
  pending(): number;
}

/** Wrap `inner` so that every ask waits until `release()` is called. */
export function gatedCore(inner: Core): GatedCore {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let waiting = 0;
  const core = recordingCore(async (req) => {
    markStarted();
    waiting += 1;
    await gate;
    waiting -= 1;
    return inner.ask(req);
  }, () => inner.documents());
  return { ...core, release: () => open(), started, pending: () => waiting };
}
