// The TypedSockets client runtime: what the TypeScript clients generated from a contract build on.
// Plain ES module JavaScript, no dependencies; the types are in the .d.ts beside it. It speaks the wire
// protocol of docs/protocol.md: {"event":…,"data":…,"ref":…} text frames, replies to refs, error
// frames, and the contract hash in the handshake.

/** The server answered a request with an `error` frame. */
export class SocketError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SocketError';
    this.code = code;
  }
}

/** A request got no answer within its timeout (the server may still have handled it). */
export class SocketTimeoutError extends Error {
  constructor(event, timeout) {
    super(`The server did not answer '${event}' within ${timeout} ms. It may still have handled it.`);
    this.name = 'SocketTimeoutError';
    this.event = event;
    this.timeout = timeout;
  }
}

/** The client is not connected, or the connection was lost before the answer came. */
export class SocketDisconnectedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SocketDisconnectedError';
  }
}

const defaults = {
  requestTimeout: 30_000,
  maxMessageSize: 1024 * 1024,
  reconnect: { enabled: true, baseDelay: 500, maxDelay: 30_000, maxAttempts: Infinity },
};

/** How long a connection must stay open before the next loss starts the backoff from the beginning. */
const stableAfter = 5_000;

/** The longest delay setTimeout takes; a longer timeout means no timeout. */
const maxTimer = 2 ** 31 - 1;

/**
 * Connects to the endpoint a contract describes and returns the client at once; it opens (and
 * reopens after a loss) by itself. `url` is the endpoint's address or the server's (the
 * contract's path is added), relative to the page in a browser; http(s) stands for ws(s).
 */
export function connect(contract, url, options = {}) {
  return new SocketClient(contract, url, options);
}

class SocketClient {
  #contract;
  #options;
  #url;
  #socket = null;
  #state = 'connecting';
  #handlers = new Map();
  #stateHandlers = new Set();
  #errorHandlers = new Set();
  #pending = new Map();
  #nextRef = 1;
  #attempt = 0;
  #timer = null;
  #closedByApp = false;
  #everOpened = false;
  #stable = null;
  #ready;
  #readySettled = false;
  #resolveReady;
  #rejectReady;

  /** The close code and reason of the last connection that ended. */
  closeCode = undefined;
  closeReason = undefined;
  /** Frames from the server that broke the protocol or the contract, skipped. */
  rejectedFrames = 0;

  constructor(contract, url, options) {
    this.#contract = contract;
    // An option given as undefined keeps its default.
    this.#options = {
      ...defaults,
      ...defined(options),
      reconnect: { ...defaults.reconnect, ...defined(options.reconnect ?? {}) },
    };
    if (!(this.#options.WebSocket ?? globalThis.WebSocket)) {
      throw new TypeError('No WebSocket here: pass options.WebSocket (in Node before 22, the `ws` package).');
    }
    this.#url = endpointUrl(url, contract);
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // Nobody has to wait for it; an app that does sees the failure.
    this.#ready.catch(() => {});
    this.#open();
  }

  /** `connecting`, `open`, `reconnecting` or `closed`. */
  get state() {
    return this.#state;
  }

  /** Settles when the first connection opens, or fails when the client closes (or gives up) before. */
  get ready() {
    return this.#ready;
  }

  /** Sends an event without waiting for the server. Throws SocketDisconnectedError unless open. */
  send(event, data) {
    this.#write(event, data, undefined);
  }

  /** Sends an event with a ref and resolves with the reply event's data (or undefined when the handler returns nothing). */
  request(event, data, options = {}) {
    const timeout = options.timeout ?? this.#options.requestTimeout;
    const signal = options.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? abortError());
        return;
      }
      const ref = this.#nextRef++;
      const settle = (action) => (value) => {
        if (!this.#pending.delete(ref)) {
          return;
        }
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        action(value);
      };
      const onAbort = () => settle(reject)(signal.reason ?? abortError());
      const timer = Number.isFinite(timeout) && timeout <= maxTimer
        ? setTimeout(() => settle(reject)(new SocketTimeoutError(event, timeout)), timeout)
        : undefined;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(ref, {
        event,
        // Own keys only: 'constructor' or 'toString' is no request's reply.
        reply: (this.#contract.replies && Object.hasOwn(this.#contract.replies, event) ? this.#contract.replies[event] : null) ?? null,
        resolve: settle(resolve),
        reject: settle(reject),
      });
      try {
        this.#write(event, data, ref);
      } catch (error) {
        settle(reject)(error);
      }
    });
  }

  /** Calls `handler` with the data of every `event` received; returns the function that stops it. */
  on(event, handler) {
    if (!this.#contract.receives.includes(event)) {
      throw new TypeError(`The contract of '${this.#contract.ref}' does not send '${event}'.`);
    }
    let handlers = this.#handlers.get(event);
    if (!handlers) {
      this.#handlers.set(event, (handlers = new Set()));
    }
    handlers.add(handler);
    return () => handlers.delete(handler);
  }

  /** Calls `handler(state, info)` after every change of state; returns the function that stops it. */
  onState(handler) {
    this.#stateHandlers.add(handler);
    return () => this.#stateHandlers.delete(handler);
  }

  /** Calls `handler(error)` for every error frame that answers no request; returns the function that stops it. */
  onError(handler) {
    this.#errorHandlers.add(handler);
    return () => this.#errorHandlers.delete(handler);
  }

  /** Closes the connection and stops reconnecting. */
  close(code = 1000, reason = '') {
    this.#closedByApp = true;
    clearTimeout(this.#timer);
    const socket = this.#socket;
    if (socket && socket.readyState <= 1) {
      try {
        socket.close(code, reason);
      } catch {
        // A code or reason the WebSocket refuses (browsers take 1000 and 3000-4999): close plainly.
        socket.close();
      }
    } else if (!socket) {
      this.#lost(undefined, undefined);
    }
    // A socket already closing reports its close, which ends the client.
  }

  async #open() {
    let href = this.#url.href;
    if (this.#options.accessToken) {
      let token;
      try {
        token = typeof this.#options.accessToken === 'function'
          ? await this.#options.accessToken()
          : this.#options.accessToken;
      } catch (error) {
        // Without its token the handshake would only be refused: count it as a failed attempt.
        this.#report('accessToken', error);
        if (!this.#closedByApp) {
          this.#lost(1006, 'the access token could not be had');
        }
        return;
      }
      if (token) {
        const url = new URL(this.#url);
        url.searchParams.set('access_token', token);
        href = url.href;
      }
    }
    if (this.#closedByApp) {
      return;
    }
    const WebSocketClass = this.#options.WebSocket ?? globalThis.WebSocket;
    let socket;
    try {
      socket = new WebSocketClass(href);
    } catch (error) {
      this.#report('connect', error);
      this.#lost(1006, String(error?.message ?? error));
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) {
        return;
      }
      const previous = this.#state;
      const reconnected = this.#everOpened;
      this.#everOpened = true;
      // The backoff starts over only once this connection has proved stable: a server that
      // accepts and closes at once still gets ever longer delays, and maxAttempts applies.
      clearTimeout(this.#stable);
      this.#stable = setTimeout(() => {
        this.#attempt = 0;
      }, stableAfter);
      this.#setState('open', { previous, reconnected });
      if (!this.#readySettled) {
        this.#readySettled = true;
        this.#resolveReady();
      }
    };
    socket.onmessage = (message) => {
      if (this.#socket === socket) {
        this.#receive(message.data);
      }
    };
    socket.onclose = (closed) => {
      if (this.#socket === socket) {
        this.#socket = null;
        this.#lost(closed.code, closed.reason);
      }
    };
    // An error is always followed by a close, which is where it is handled.
    socket.onerror = () => {};
  }

  #write(event, data, ref) {
    const socket = this.#socket;
    if (this.#state !== 'open' || !socket || socket.readyState !== 1) {
      throw new SocketDisconnectedError(
        `Cannot send '${event}': the client is ${this.#state}. Sends fail at once while it is not open; wait for the 'open' state.`);
    }
    const frame = ref === undefined ? { event, data } : { event, data, ref };
    socket.send(JSON.stringify(frame));
  }

  #receive(data) {
    if (typeof data !== 'string') {
      this.#reject('a binary message');
      return;
    }
    if (data.length > this.#options.maxMessageSize) {
      this.#reject(`a message over maxMessageSize (${this.#options.maxMessageSize})`);
      return;
    }
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      this.#reject('a frame that is not JSON');
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame) || typeof frame.event !== 'string') {
      this.#reject('a frame without an event');
      return;
    }
    if (frame.event === 'reply') {
      this.#answer(frame);
    } else if (frame.event === 'error') {
      this.#error(frame);
    } else if (this.#contract.receives.includes(frame.event)) {
      if (frame.data === undefined) {
        this.#reject(`'${frame.event}' without data`);
        return;
      }
      for (const handler of [...(this.#handlers.get(frame.event) ?? [])]) {
        try {
          handler(frame.data);
        } catch (error) {
          this.#report(frame.event, error);
        }
      }
    } else {
      this.#reject(`the event '${frame.event}', which the contract does not send`);
    }
  }

  #answer(frame) {
    const pending = this.#pending.get(frame.ref);
    if (!pending) {
      // Most likely the answer to a request that timed out or was aborted.
      if (!this.#isOurRef(frame.ref)) {
        this.#reject('a reply to a request this client did not make');
      }
      return;
    }
    if (pending.reply === null) {
      pending.resolve(undefined);
      return;
    }
    const reply = frame.data;
    if (reply === null || typeof reply !== 'object' || reply.event !== pending.reply || reply.data === undefined) {
      this.#reject(`a reply to '${pending.event}' that is not '${pending.reply}'`);
      pending.reject(new SocketError('bad_reply', `The server answered '${pending.event}' with something other than '${pending.reply}'.`));
      return;
    }
    pending.resolve(reply.data);
  }

  #error(frame) {
    const code = frame.data?.code;
    const message = typeof frame.data?.message === 'string' ? frame.data.message : '';
    const pending = frame.ref === undefined ? undefined : this.#pending.get(frame.ref);
    if (!pending && this.#isOurRef(frame.ref)) {
      return; // the refusal of a request that no longer waits
    }
    if (typeof code !== 'string') {
      this.#reject('an error frame without a code');
      pending?.reject(new SocketError('bad_reply', `The server answered '${pending.event}' with an error frame that has no code.`));
      return;
    }
    const error = new SocketError(code, message);
    if (pending) {
      pending.reject(error);
      return;
    }
    for (const handler of [...this.#errorHandlers]) {
      try {
        handler(error);
      } catch (failure) {
        this.#report('error', failure);
      }
    }
  }

  #isOurRef(ref) {
    return Number.isInteger(ref) && ref > 0 && ref < this.#nextRef;
  }

  #lost(code, reason) {
    clearTimeout(this.#stable);
    this.closeCode = code;
    this.closeReason = reason;
    for (const pending of [...this.#pending.values()]) {
      pending.reject(new SocketDisconnectedError(`The connection was lost before the server answered '${pending.event}'. It may have handled it.`));
    }
    const reconnect = this.#options.reconnect;
    if (this.#closedByApp || !reconnect.enabled) {
      this.#ended(code, reason);
      return;
    }
    this.#attempt++;
    if (this.#attempt > reconnect.maxAttempts) {
      this.#ended(code, reason, true);
      return;
    }
    // Exponential backoff with full jitter: clients of a restarted server come back spread out.
    const ceiling = Math.min(reconnect.maxDelay, reconnect.baseDelay * 2 ** Math.min(this.#attempt - 1, 30));
    const delay = Math.random() * ceiling;
    this.#setState('reconnecting', { previous: this.#state, code, reason, attempt: this.#attempt, delay });
    this.#timer = setTimeout(() => this.#open(), delay);
  }

  #ended(code, reason, gaveUp = false) {
    if (this.#state === 'closed') {
      return;
    }
    this.#setState('closed', { previous: this.#state, code, reason, gaveUp });
    if (!this.#readySettled) {
      this.#readySettled = true;
      this.#rejectReady(new SocketDisconnectedError(`The client closed before it connected (${code ?? 'no close code'}).`));
    }
  }

  #setState(state, info) {
    this.#state = state;
    for (const handler of [...this.#stateHandlers]) {
      try {
        handler(state, info);
      } catch (error) {
        this.#report('state', error);
      }
    }
  }

  #reject(what) {
    this.rejectedFrames++;
    (this.#options.logger ?? console).warn(`TypedSockets: endpoint '${this.#contract.ref}' sent ${what}; the client skipped it.`);
  }

  #report(where, error) {
    (this.#options.logger ?? console).error(`TypedSockets: a handler of '${where}' failed`, error);
  }
}

function endpointUrl(url, contract) {
  const base = globalThis.location?.href;
  if (base === undefined && !URL.canParse(url)) {
    throw new TypeError(`'${url}' is relative, and outside a browser there is no page to resolve it against: pass the server's address (ws://host:port).`);
  }
  const result = new URL(url, base);
  if (result.protocol === 'http:') {
    result.protocol = 'ws:';
  } else if (result.protocol === 'https:') {
    result.protocol = 'wss:';
  }
  if (result.protocol !== 'ws:' && result.protocol !== 'wss:') {
    throw new TypeError(`'${url}' is not a ws, wss, http or https address.`);
  }
  if (result.pathname === '/' || result.pathname === '') {
    result.pathname = contract.path;
  }
  if (contract.hash && !result.searchParams.has('ts-contract')) {
    result.searchParams.set('ts-contract', contract.hash);
  }
  return result;
}

function defined(options) {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function abortError() {
  return new DOMException('The request was aborted.', 'AbortError');
}
