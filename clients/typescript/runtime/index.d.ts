// Types of the TypedSockets client runtime (index.js). Generated clients describe their contract
// with `Contract`; everything below is typed from it: event names are literal types, and each
// event's data, reply and handler argument follow from the name.

/** What a client may send (`Send`), what it receives (`Receive`), and the reply each request gets. */
export interface ContractTypes {
  send: Record<string, unknown>;
  receive: Record<string, unknown>;
  /** For each event in `send`: the name of its reply event in `receive`, or `null` when the handler returns nothing. */
  replies: { [event: string]: string | null };
}

/** A contract at run time: its facts, the events the server may send, and the reply of each request. */
export interface Contract<T extends ContractTypes> {
  readonly ref: string;
  readonly path: string;
  readonly hash: string;
  readonly receives: readonly (keyof T['receive'] & string)[];
  readonly replies: { readonly [E in keyof T['send'] & string]: (T['replies'][E] & string) | null };
  /** Only at compile time: carries the types. */
  readonly types?: T;
}

export type SendEvent<T extends ContractTypes> = keyof T['send'] & string;
export type ReceiveEvent<T extends ContractTypes> = keyof T['receive'] & string;

/** The data a request resolves with: its reply event's data, or `undefined` when the handler returns nothing. */
export type ReplyOf<T extends ContractTypes, E extends SendEvent<T>> =
  T['replies'][E] extends keyof T['receive'] ? T['receive'][T['replies'][E]] : undefined;

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What came with a change of state. */
export interface StateInfo {
  previous: SocketState;
  /** On `open`: the connection is a reconnection (rejoin groups, resend what the server forgot). */
  reconnected?: boolean;
  /** On `reconnecting` and `closed`: the close code and reason of the connection that ended. */
  code?: number;
  reason?: string;
  /** On `reconnecting`: the attempt about to be made (from 1) and the delay before it, in ms. */
  attempt?: number;
  delay?: number;
  /** On `closed`: the client gave up after `reconnect.maxAttempts`. */
  gaveUp?: boolean;
}

/** A WebSocket constructor: the browser's, Node 22's, or `ws` in older Node. */
export type WebSocketConstructor = new (url: string) => {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Handlers take `any`: each WebSocket types its events its own way, and the runtime reads only
  // `data`, `code` and `reason`.
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
};

export interface ConnectOptions {
  /** How long a request waits for its answer, in ms (Infinity, or more than 2^31-1: no limit). Default 30 000. */
  requestTimeout?: number;
  /** A larger message from the server is skipped and counted. Default 1 MiB (in UTF-16 units). */
  maxMessageSize?: number;
  /**
   * Reconnecting after a lost connection: before attempt n the client waits a random time up to
   * min(maxDelay, baseDelay × 2^(n-1)) ms. Defaults: enabled, 500, 30 000, Infinity attempts.
   * The count starts over once a connection has stayed open for 5 s.
   */
  reconnect?: { enabled?: boolean; baseDelay?: number; maxDelay?: number; maxAttempts?: number };
  /**
   * A token for the server's authentication, sent as the query parameter `access_token` (browsers
   * cannot set headers on a WebSocket); a function is asked again before every connection.
   */
  accessToken?: string | (() => string | null | undefined | Promise<string | null | undefined>);
  /** The WebSocket to use; default `globalThis.WebSocket` (without either, `connect` throws). */
  WebSocket?: WebSocketConstructor;
  /** Where warnings (skipped frames) and handler failures go; default `console`. */
  logger?: { warn(message: string): void; error(message: string, error?: unknown): void };
}

export interface RequestOptions {
  /** Overrides the client's `requestTimeout`, in ms. */
  timeout?: number;
  /** Aborts the wait (the request has been sent; the server may still handle it). */
  signal?: AbortSignal;
}

export interface SocketClient<T extends ContractTypes> {
  readonly state: SocketState;
  /** Settles when the first connection opens; fails if the client closes or gives up before. */
  readonly ready: Promise<void>;
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;
  /** Frames from the server that broke the protocol or the contract, skipped. */
  readonly rejectedFrames: number;
  /** Sends without waiting; throws `SocketDisconnectedError` unless the state is `open`. */
  send<E extends SendEvent<T>>(event: E, data: T['send'][E]): void;
  /**
   * Sends with a ref and resolves with the reply's data. Rejects with `SocketError` (an error
   * frame: `code`, `message`), `SocketTimeoutError`, the signal's reason, or `SocketDisconnectedError`.
   */
  request<E extends SendEvent<T>>(event: E, data: T['send'][E], options?: RequestOptions): Promise<ReplyOf<T, E>>;
  /** Calls `handler` with every `event`'s data; returns the function that stops it. */
  on<E extends ReceiveEvent<T>>(event: E, handler: (data: T['receive'][E]) => void): () => void;
  onState(handler: (state: SocketState, info: StateInfo) => void): () => void;
  /** Error frames that answer no request (a refusal of an event sent with `send`). */
  onError(handler: (error: SocketError) => void): () => void;
  /** Closes and stops reconnecting. */
  close(code?: number, reason?: string): void;
}

export function connect<T extends ContractTypes>(contract: Contract<T>, url: string | URL, options?: ConnectOptions): SocketClient<T>;

export class SocketError extends Error {
  constructor(code: string, message: string);
  readonly code: string;
}

export class SocketTimeoutError extends Error {
  constructor(event: string, timeout: number);
  readonly event: string;
  readonly timeout: number;
}

export class SocketDisconnectedError extends Error {
  constructor(message: string);
}
