// An independent check of the TypedSockets wire protocol (docs/protocol.md) against a running
// Chat sample, using only the `ws` client, which nobody in this project wrote.
//
//   node check.mjs http://127.0.0.1:5000      (or CHAT_URL=http://127.0.0.1:5000 node check.mjs)
//
// Prints `ok - name` or `not ok - name: reason` per check, then `N passed, N failed`; exits 1 if
// any check failed. CHECK_SLOW=1 adds the checks that take the better part of a minute.

import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import { directions, frameValidator, loadDocument } from './asyncapi.mjs';

const base = (process.argv[2] ?? process.env.CHAT_URL ?? 'http://127.0.0.1:5000').replace(/\/+$/, '');
const chatUrl = base.replace(/^http/, 'ws') + '/ws/chat';
const WAIT_MS = 5_000; // for one expected frame
const CHECK_MS = 20_000; // for one whole check
const KiB = 1024;
const MAX_MESSAGE = 32 * KiB;

// ---------------------------------------------------------------- a client that remembers frames

const violations = []; // frames from the server that break the protocol's shape, whatever the check
const contractViolations = []; // frames from the server that the AsyncAPI document does not describe
let validateFrame = null; // set once the AsyncAPI document is loaded
let counter = 0;
const unique = prefix => `${prefix}-${process.pid}-${++counter}`;

class Client {
    constructor(ws) {
        this.ws = ws;
        this.inbox = []; // frames not yet taken by a check: { msg, raw }
        this.history = []; // every frame received
        this.waiters = [];
        this.closeInfo = null;
        this.closed = new Promise(resolve =>
            ws.on('close', (code, reason) => {
                this.closeInfo = { code, reason: reason.toString() };
                resolve(this.closeInfo);
                this.wake();
            }));
        ws.on('error', error => { this.error = error; });
        ws.on('message', (data, isBinary) => {
            const raw = data.toString('utf8');
            let msg;
            try {
                msg = JSON.parse(raw);
            } catch {
                msg = undefined;
            }
            const problem = isBinary ? 'a binary frame' : describeShapeProblem(msg);
            if (problem) violations.push(`${problem}: ${clip(raw)}`);
            const unlike = !problem && validateFrame ? validateFrame(msg) : null;
            if (unlike) contractViolations.push(`${unlike}: ${clip(raw)}`);
            const frame = { msg, raw };
            this.inbox.push(frame);
            this.history.push(frame);
            this.wake();
        });
    }

    static open(url = chatUrl, options = {}) {
        return new Promise((resolve, reject) => {
            const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
            const client = new Client(ws);
            ws.once('open', () => resolve(client));
            ws.once('unexpected-response', (_, res) => reject(new Error(`HTTP ${res.statusCode} instead of a WebSocket`)));
            ws.once('error', reject);
        });
    }

    get id() { return this.welcome.data.id; }

    wake() {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
    }

    /** Takes the first unread frame that matches, waiting for it if needed. */
    async take(predicate, what, ms = WAIT_MS) {
        const deadline = Date.now() + ms;
        for (;;) {
            const index = this.inbox.findIndex(f => f.msg !== undefined && predicate(f.msg));
            if (index >= 0) return this.inbox.splice(index, 1)[0];
            if (this.closeInfo) {
                throw new Error(`connection closed (${this.closeInfo.code} "${this.closeInfo.reason}") while waiting for ${what}; received ${this.recent()}`);
            }
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no ${what} within ${ms} ms; received ${this.recent()}`);
            await new Promise(resolve => {
                const timer = setTimeout(resolve, left);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }

    sendJson(frame) { this.ws.send(JSON.stringify(frame)); }

    sendText(text) { this.ws.send(text); }

    /** Sends an event with a ref and returns the reply or error frame that answers it. */
    async request(event, data, ref = unique('r')) {
        const frame = data === undefined ? { event, ref } : { event, data, ref };
        this.sendJson(frame);
        return (await this.answerTo(ref, `the answer to ${JSON.stringify(frame).slice(0, 80)}`)).msg;
    }

    /** Sends raw text carrying `ref` and returns the answer (whole frame: msg and raw). */
    async requestText(text, ref) {
        this.sendText(text);
        return this.answerTo(ref, `the answer to ${clip(text, 80)}`);
    }

    answerTo(ref, what) {
        return this.take(f => (f.event === 'reply' || f.event === 'error') && 'ref' in f && isDeepStrictEqual(f.ref, ref), what);
    }

    /**
     * Waits until every frame the server queued for this client before now has arrived: a client's
     * frames are sent in order, so whatever was queued earlier comes before this ping's reply.
     */
    async flush() {
        const seq = ++counter;
        const answer = await this.request('ping', { seq });
        expectEqual(answer.data, { event: 'pong', data: { seq } }, 'flush reply');
    }

    saw(predicate) { return this.history.some(f => f.msg !== undefined && predicate(f.msg)); }

    recent() {
        const last = this.history.slice(-6).map(f => clip(f.raw, 160));
        return last.length ? last.join(' | ') : 'nothing';
    }

    async closeAndWait(code = 1000) {
        if (!this.closeInfo) {
            try {
                this.ws.close(code);
            } catch {
                this.ws.terminate();
            }
        }
        return within(this.closed, 3_000, 'the close handshake').catch(() => {
            this.ws.terminate();
            return this.closed;
        });
    }
}

function describeShapeProblem(msg) {
    if (msg === undefined) return 'not JSON';
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return 'not a JSON object';
    if (typeof msg.event !== 'string') return 'no event string';
    if (!('data' in msg)) return 'no data';
    if (msg.event === 'reply' && !('ref' in msg)) return 'a reply without ref';
    if (msg.event === 'error' && (typeof msg.data?.code !== 'string' || typeof msg.data?.message !== 'string')) {
        return 'an error without code and message strings';
    }
    if ('ref' in msg && typeof msg.ref !== 'string' && typeof msg.ref !== 'number') return 'a ref that is neither string nor number';
    return null;
}

// ---------------------------------------------------------------- assertions

class CheckFailure extends Error {}

function fail(message) { throw new CheckFailure(message); }

function expect(condition, message) { if (!condition) fail(message); }

function expectEqual(actual, expected, what) {
    if (!isDeepStrictEqual(actual, expected)) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function expectError(msg, code, ref) {
    expect(msg.event === 'error', `expected an error frame, got ${JSON.stringify(msg)}`);
    expectEqual(msg.data?.code, code, 'error code');
    expect(typeof msg.data.message === 'string' && msg.data.message.length > 0, `error message should be a non-empty string: ${JSON.stringify(msg)}`);
    if (ref === undefined) expect(!('ref' in msg), `an error to a request without ref must not carry one: ${JSON.stringify(msg)}`);
    else expectEqual(msg.ref, ref, 'error ref');
}

function expectKeys(msg, keys, what) {
    expectEqual(Object.keys(msg).sort(), [...keys].sort(), `${what} properties`);
}

async function expectUsable(client) {
    await client.flush();
}

async function expectClosed(client, code) {
    const info = await within(client.closed, WAIT_MS, `close ${code}`);
    expectEqual(info.code, code, `close code (reason "${info.reason}")`);
    return info;
}

function within(promise, ms, what) {
    let timer;
    return Promise.race([
        promise,
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
    ]).finally(() => clearTimeout(timer));
}

const clip = (text, max = 200) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

/** A ping frame of exactly `size` bytes, padded with an unknown envelope property. */
function pingOfSize(size, ref) {
    const head = `{"event":"ping","data":{"seq":1},"ref":${JSON.stringify(ref)},"pad":"`;
    const tail = '"}';
    const padding = size - head.length - tail.length;
    if (padding < 0) throw new Error(`cannot build a ping of ${size} bytes`);
    return head + 'x'.repeat(padding) + tail;
}

// ---------------------------------------------------------------- the checks

const checks = [];
const check = (name, run) => checks.push({ name, run });

/** Connects a client that this check owns (closed when the check ends) and reads its welcome. */
async function connect(ctx, options) {
    const client = await Client.open(chatUrl, options);
    ctx.clients.push(client);
    client.welcome = (await client.take(f => f.event === 'welcome', 'the welcome frame')).msg;
    return client;
}

// ---------------------------------------------------------------- the contract (AsyncAPI)

let asyncApi = null;

check('GET /asyncapi.json serves an AsyncAPI 3.0 document that @asyncapi/parser validates with no errors', async () => {
    asyncApi = await loadDocument(base);
    expectEqual(asyncApi.response.status, 200, 'status');
    expect((asyncApi.response.headers.get('content-type') ?? '').startsWith('application/json'), 'content-type should be application/json');
    expectEqual(asyncApi.json.asyncapi, '3.0.0', 'asyncapi version');
    expect(asyncApi.errors.length === 0, asyncApi.errors.slice(0, 5).join('; '));
    expect(asyncApi.document !== undefined, 'the parser returned no document');
    // From here on, every frame the server sends must match a message of the document.
    validateFrame = frameValidator(asyncApi.json, 'chat');
});

check('the served document is the asyncapi.json the build wrote', async () => {
    const file = process.env.ASYNCAPI_FILE;
    expect(file, 'ASYNCAPI_FILE (the built asyncapi.json) is not set');
    expect(asyncApi, 'the document was not loaded');
    expectEqual(readFileSync(file, 'utf8').trim(), asyncApi.text.trim(), 'the file and the served document');
});

check('every Chat event is in the document, in its direction, with ping answered by pong', async () => {
    expect(asyncApi, 'the document was not loaded');
    expectEqual(asyncApi.json.channels.chat.address, '/ws/chat', 'channel address');
    const { receive, send, replies } = directions(asyncApi.json, 'chat');
    expectEqual([...receive].sort(), ['join_room', 'leave_room', 'ping', 'room_say', 'say'], 'events clients send (receive operations)');
    expectEqual([...send].sort(), ['joined', 'left', 'pong', 'room_said', 'said', 'welcome'], 'events the server sends (send operations; pong answers a ping without ref)');
    expectEqual(Object.fromEntries(replies), { ping: 'pong' }, 'replies');
    const said = asyncApi.json.components.schemas['Chat.Said'];
    expectEqual(said.properties, { from: { type: 'string' }, text: { type: 'string' } }, 'the said schema');
    expectEqual(said.required, ['from', 'text'], 'the said schema\'s required properties');
});

check('GET / serves the chat page (200, text/html, a <script>, nothing loaded from elsewhere) on the generated client', async () => {
    const response = await fetch(base + '/');
    expectEqual(response.status, 200, 'status');
    const type = response.headers.get('content-type') ?? '';
    expect(type.startsWith('text/html'), `content-type should be text/html, got "${type}"`);
    const body = await response.text();
    expect(/<script[\s>]/i.test(body), 'the page has no <script>');
    expect(!/<(script|link|img)[^>]+(src|href)\s*=\s*["']?(https?:)?\/\//i.test(body), 'the page loads something from another origin');
    // The page runs on the generated TypeScript client the app serves, which knows the endpoint's path.
    expect(body.includes('from "/client/chat.js"'), 'the page does not import the generated client /client/chat.js');
    const module = await fetch(base + '/client/chat.js');
    expectEqual(module.status, 200, 'status of /client/chat.js');
    expect((await module.text()).includes('path: "/ws/chat"'), 'the generated client does not connect to /ws/chat');
});

check('GET /ws/chat without a WebSocket upgrade is refused with 426', async () => {
    const response = await fetch(base + '/ws/chat');
    expectEqual(response.status, 426, 'status');
});

check('no subprotocol and no compression are negotiated', async ctx => {
    const a = await Client.open(chatUrl, { perMessageDeflate: true });
    ctx.clients.push(a);
    expectEqual(a.ws.protocol, '', 'subprotocol');
    expectEqual(a.ws.extensions, '', 'extensions (permessage-deflate was offered)');
});

check('welcome {id, online} on connect, online counting the new client', async ctx => {
    const a = await connect(ctx);
    expectKeys(a.welcome, ['event', 'data'], 'welcome frame');
    expectKeys(a.welcome.data, ['id', 'online'], 'welcome data');
    expect(typeof a.id === 'string' && a.id.length > 0, `id should be a non-empty string: ${JSON.stringify(a.welcome)}`);
    const online = a.welcome.data.online;
    expect(Number.isInteger(online) && online >= 1, `online should be an integer >= 1: ${JSON.stringify(a.welcome)}`);
    const b = await connect(ctx);
    expect(b.id !== a.id, `two clients got the same id ${a.id}`);
    expectEqual(b.welcome.data.online, online + 1, 'online of the second client');
});

check('joined {id} goes to everyone else, not to the newcomer', async ctx => {
    const a = await connect(ctx);
    const b = await connect(ctx);
    const joined = (await a.take(f => f.event === 'joined' && f.data?.id === b.id, `joined {id: ${b.id}}`)).msg;
    expectEqual(joined, { event: 'joined', data: { id: b.id } }, 'joined frame');
    await b.flush();
    expect(!b.saw(f => f.event === 'joined' && f.data?.id === b.id), 'the newcomer was told about its own join');
});

check('left {id} goes to the rest on disconnect (close handshake answered with 1000)', async ctx => {
    const a = await connect(ctx);
    const b = await connect(ctx);
    const info = await b.closeAndWait(1000);
    expectEqual(info.code, 1000, 'close code echoed by the server');
    const left = (await a.take(f => f.event === 'left' && f.data?.id === b.id, `left {id: ${b.id}}`)).msg;
    expectEqual(left, { event: 'left', data: { id: b.id } }, 'left frame');
});

check('left {id} also goes out when a client drops without a close handshake', async ctx => {
    const a = await connect(ctx);
    const b = await connect(ctx);
    b.ws.terminate();
    await a.take(f => f.event === 'left' && f.data?.id === b.id, `left {id: ${b.id}}`);
});

check('say {text} -> said {from, text} to every other client, not to the sender', async ctx => {
    const [a, b, c] = [await connect(ctx), await connect(ctx), await connect(ctx)];
    const text = unique('hello');
    a.sendJson({ event: 'say', data: { text } });
    for (const other of [b, c]) {
        const said = (await other.take(f => f.event === 'said' && f.data?.text === text, 'said')).msg;
        expectEqual(said, { event: 'said', data: { from: a.id, text } }, 'said frame');
    }
    await a.flush();
    expect(!a.saw(f => f.event === 'said' && f.data?.text === text), 'the sender received its own said');
});

check('say with a string ref -> reply {ref echoed byte for byte, data: null}', async ctx => {
    const a = await connect(ctx);
    const b = await connect(ctx);
    // Escapes in the ref must come back as the same JSON text, not merely the same value.
    const rawRef = '"say-\\u00fc-\\"q\\"-' + counter++ + '"';
    const text = unique('with-ref');
    const answer = await a.requestText(`{"event":"say","data":{"text":${JSON.stringify(text)}},"ref":${rawRef}}`, JSON.parse(rawRef));
    expectEqual(answer.msg, { event: 'reply', ref: JSON.parse(rawRef), data: null }, 'reply');
    expect(answer.raw.includes(`"ref":${rawRef}`), `ref not echoed as sent (${rawRef}): ${answer.raw}`);
    await b.take(f => f.event === 'said' && f.data?.text === text, 'said at the other client');
});

check('numeric ref is echoed as a number, exactly as written', async ctx => {
    const a = await connect(ctx);
    const answer = await a.request('say', { text: unique('n') }, 42);
    expectEqual(answer, { event: 'reply', ref: 42, data: null }, 'reply');
    // Beyond double precision: only a verbatim echo keeps it.
    const big = '12345678901234567890123';
    const exact = await a.requestText(`{"event":"ping","data":{"seq":5},"ref":${big}}`, Number(big));
    expect(exact.raw.includes(`"ref":${big}`), `ref ${big} not echoed verbatim: ${exact.raw}`);
    const decimal = '7.50';
    const echoed = await a.requestText(`{"event":"ping","data":{"seq":6},"ref":${decimal}}`, 7.5);
    expect(echoed.raw.includes(`"ref":${decimal}`), `ref ${decimal} not echoed verbatim: ${echoed.raw}`);
});

check('ref null counts as no ref', async ctx => {
    const a = await connect(ctx);
    const seq = ++counter;
    a.sendText(`{"event":"ping","data":{"seq":${seq}},"ref":null}`);
    const pong = (await a.take(f => f.event === 'pong' && f.data?.seq === seq, `pong {seq: ${seq}}`)).msg;
    expectEqual(pong, { event: 'pong', data: { seq } }, 'pong frame');
});

check('ref that is neither string, number nor null -> bad_frame', async ctx => {
    const a = await connect(ctx);
    for (const ref of ['true', '{"id":1}', '[1]']) {
        a.sendText(`{"event":"ping","data":{"seq":1},"ref":${ref}}`);
        const error = (await a.take(f => f.event === 'error', `an error for ref ${ref}`)).msg;
        expectEqual(error.data?.code, 'bad_frame', `code for ref ${ref}`);
        await expectUsable(a);
    }
});

check('ref of 256 bytes (quotes included) is accepted, 257 -> bad_frame', async ctx => {
    const a = await connect(ctx);
    const longest = 'a'.repeat(254); // "…" is 256 bytes
    const answer = await a.request('ping', { seq: 3 }, longest);
    expectEqual(answer, { event: 'reply', ref: longest, data: { event: 'pong', data: { seq: 3 } } }, 'reply to a 256-byte ref');
    a.sendJson({ event: 'ping', data: { seq: 4 }, ref: longest + 'a' });
    const error = (await a.take(f => f.event === 'error', 'an error for a 257-byte ref')).msg;
    expectError(error, 'bad_frame', undefined);
    await expectUsable(a);
});

check('ping {seq} with a ref -> reply {data: {event: pong, data: {seq}}}', async ctx => {
    const a = await connect(ctx);
    const answer = await a.request('ping', { seq: 7 }, '7');
    expectEqual(answer, { event: 'reply', ref: '7', data: { event: 'pong', data: { seq: 7 } } }, 'reply');
});

check('ping {seq} without a ref -> plain pong {seq} event', async ctx => {
    const a = await connect(ctx);
    const seq = ++counter;
    a.sendJson({ event: 'ping', data: { seq } });
    const pong = (await a.take(f => f.event === 'pong' && f.data?.seq === seq, `pong {seq: ${seq}}`)).msg;
    expectEqual(pong, { event: 'pong', data: { seq } }, 'pong frame');
    await a.flush();
    expect(!a.saw(f => f.event === 'reply' && f.data?.data?.seq === seq), 'a request without ref got a reply frame');
});

check('join_room + room_say -> room_said {room, from, text} only to the other members', async ctx => {
    const [a, b, c] = [await connect(ctx), await connect(ctx), await connect(ctx)];
    const room = unique('room');
    const joinRef = unique('j');
    expectEqual(await a.request('join_room', { room }, joinRef), { event: 'reply', ref: joinRef, data: null }, 'join_room reply');
    await b.request('join_room', { room });
    const text = unique('in-room');
    const answer = await a.request('room_say', { room, text });
    expectEqual(answer.data, null, 'room_say reply data');
    const said = (await b.take(f => f.event === 'room_said' && f.data?.text === text, 'room_said')).msg;
    expectEqual(said, { event: 'room_said', data: { room, from: a.id, text } }, 'room_said frame');
    await c.flush();
    expect(!c.saw(f => f.event === 'room_said' && f.data?.text === text), 'a client outside the room received room_said');
    expect(!c.saw(f => f.event === 'said' && f.data?.text === text), 'a client outside the room received said');
    await a.flush();
    expect(!a.saw(f => f.event === 'room_said' && f.data?.text === text), 'the sender received its own room_said');
});

check('room_say when not a member -> error forbidden with the ref', async ctx => {
    const [a, c] = [await connect(ctx), await connect(ctx)];
    const room = unique('room');
    await a.request('join_room', { room });
    const ref = unique('f');
    const error = await c.request('room_say', { room, text: 'let me in' }, ref);
    expectError(error, 'forbidden', ref);
    await a.flush();
    expect(!a.saw(f => f.event === 'room_said' && f.data?.text === 'let me in'), 'a refused room_say was delivered');
    await expectUsable(c);
});

check('leave_room -> no more room_said, and room_say is forbidden again', async ctx => {
    const [a, b] = [await connect(ctx), await connect(ctx)];
    const room = unique('room');
    await a.request('join_room', { room });
    await b.request('join_room', { room });
    const left = await b.request('leave_room', { room });
    expectEqual(left.event, 'reply', 'leave_room answer');
    expectEqual(left.data, null, 'leave_room reply data');
    const text = unique('after-leave');
    await a.request('room_say', { room, text });
    await b.flush();
    expect(!b.saw(f => f.event === 'room_said' && f.data?.text === text), 'room_said reached a client that left the room');
    const ref = unique('f');
    expectError(await b.request('room_say', { room, text: 'x' }, ref), 'forbidden', ref);
});

check('the sample validates input (empty room -> invalid_room, empty text -> invalid_text)', async ctx => {
    const a = await connect(ctx);
    let ref = unique('v');
    expectError(await a.request('join_room', { room: '' }, ref), 'invalid_room', ref);
    ref = unique('v');
    expectError(await a.request('say', { text: '' }, ref), 'invalid_text', ref);
    await expectUsable(a);
});

for (const [what, text] of [
    ['a JSON array', '[1]'],
    ['a JSON string', '"x"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an object without event', '{"data":{"seq":1}}'],
    ['an object whose event is not a string', '{"event":5,"data":{"seq":1}}'],
    ['malformed JSON', '{"event":"ping","data":{"seq":1}'],
    ['two JSON values in one frame', '{"event":"ping","data":{"seq":1}} {}'],
    ['event given twice', '{"event":"ping","event":"say","data":{"seq":1}}'],
    ['an empty text frame', ''],
]) {
    check(`bad_frame for ${what}, and the connection stays usable`, async ctx => {
        const a = await connect(ctx);
        a.sendText(text);
        const error = (await a.take(f => f.event === 'error', 'an error frame')).msg;
        expectError(error, 'bad_frame', undefined);
        await expectUsable(a);
    });
}

check('unknown_event, with the ref echoed (and without ref when none was sent)', async ctx => {
    const a = await connect(ctx);
    const ref = unique('u');
    expectError(await a.request('no_such_event', { x: 1 }, ref), 'unknown_event', ref);
    a.sendJson({ event: 'no_such_event_either' });
    expectError((await a.take(f => f.event === 'error', 'an error frame')).msg, 'unknown_event', undefined);
    await expectUsable(a);
});

check('reserved and server-only event names sent by a client -> unknown_event', async ctx => {
    const a = await connect(ctx);
    for (const event of ['reply', 'error', 'ts:ping', 'said', 'welcome']) {
        const ref = unique('x');
        expectError(await a.request(event, {}, ref), 'unknown_event', ref);
    }
    await expectUsable(a);
});

check('invalid_data names the JSON path ($.data.seq) for a wrong type', async ctx => {
    const a = await connect(ctx);
    for (const seq of ['abc', { n: 1 }, 1.5, 3000000000, true, [1]]) {
        const ref = unique('d');
        const error = await a.request('ping', { seq }, ref);
        expectError(error, 'invalid_data', ref);
        expect(error.data.message.includes('$.data.seq'), `message should name $.data.seq for seq ${JSON.stringify(seq)}: ${error.data.message}`);
        await expectUsable(a);
    }
});

check('invalid_data for a missing property or null where the type does not allow it', async ctx => {
    const a = await connect(ctx);
    for (const data of [{}, { text: null }, { Text: null }]) {
        const ref = unique('m');
        const error = await a.request('say', data, ref);
        expectError(error, 'invalid_data', ref);
        expect(error.data.message.includes('$.data.text'), `message should name $.data.text for ${JSON.stringify(data)}: ${error.data.message}`);
    }
    await expectUsable(a);
});

check('invalid_data when data is not an object', async ctx => {
    const a = await connect(ctx);
    for (const data of ['[1]', '"x"', '7']) {
        const ref = unique('d');
        const answer = await a.requestText(`{"event":"ping","data":${data},"ref":${JSON.stringify(ref)}}`, ref);
        expectError(answer.msg, 'invalid_data', ref);
        expect(answer.msg.data.message.includes('$.data'), `message should name $.data: ${answer.msg.data.message}`);
    }
    await expectUsable(a);
});

check('a duplicate property in data -> invalid_data at its path', async ctx => {
    const a = await connect(ctx);
    const ref = unique('dup');
    const answer = await a.requestText(`{"event":"ping","data":{"seq":1,"seq":2},"ref":${JSON.stringify(ref)}}`, ref);
    expectError(answer.msg, 'invalid_data', ref);
    expect(answer.msg.data.message.includes('$.data.seq'), `message should name $.data.seq: ${answer.msg.data.message}`);
    await expectUsable(a);
});

check('data nested 64 levels deep is read; 65 levels -> invalid_data; over 1024 -> bad_frame', async ctx => {
    const a = await connect(ctx);
    const nested = depth => `{"seq":1,"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const ok = await a.requestText(`{"event":"ping","ref":"d64","data":${nested(64)}}`, 'd64');
    expectEqual(ok.msg.data, { event: 'pong', data: { seq: 1 } }, 'reply data at depth 64');
    a.sendText(`{"event":"ping","data":${nested(65)}}`);
    expectError((await a.take(f => f.event === 'error', 'an error for depth 65')).msg, 'invalid_data', undefined);
    a.sendText(`{"event":"ping","data":${nested(1100)}}`);
    expectError((await a.take(f => f.event === 'error', 'an error for depth 1100')).msg, 'bad_frame', undefined);
    await expectUsable(a);
});

check('numbers may be sent as strings ("7" reads as 7)', async ctx => {
    const a = await connect(ctx);
    const answer = await a.request('ping', { seq: '7' });
    expectEqual(answer.data, { event: 'pong', data: { seq: 7 } }, 'reply data');
});

check('data property names match case-insensitively; output is camelCase', async ctx => {
    const a = await connect(ctx);
    const answer = await a.request('ping', { SEQ: 3 });
    expectEqual(answer.data, { event: 'pong', data: { seq: 3 } }, 'reply data');
    const b = await connect(ctx);
    const text = unique('Case');
    await a.request('say', { Text: text });
    const said = (await b.take(f => f.event === 'said' && f.data?.text === text, 'said')).msg;
    expectKeys(said.data, ['from', 'text'], 'said data');
});

check('a frame without data is read as data {}', async ctx => {
    const a = await connect(ctx);
    for (const event of ['ping', 'join_room', 'say']) {
        const withoutData = await a.request(event, undefined, unique('nd'));
        const withEmpty = await a.request(event, {}, unique('nd'));
        delete withoutData.ref;
        delete withEmpty.ref;
        expectEqual(withoutData, withEmpty, `answer to ${event} without data vs with {}`);
        await expectUsable(a);
    }
});

check('envelope properties come in any order; unknown ones are ignored', async ctx => {
    const a = await connect(ctx);
    const answer = await a.requestText('{"ref":"o-1","extra":[1,{"deep":[null]}],"data":{"seq":2,"other":"x"},"event":"ping"}', 'o-1');
    expectEqual(answer.msg, { event: 'reply', ref: 'o-1', data: { event: 'pong', data: { seq: 2 } } }, 'reply');
});

check('an event name written with JSON escapes is read unescaped', async ctx => {
    const a = await connect(ctx);
    const answer = await a.requestText('{"event":"p\\u0069ng","data":{"seq":9},"ref":"esc"}', 'esc');
    expectEqual(answer.msg, { event: 'reply', ref: 'esc', data: { event: 'pong', data: { seq: 9 } } }, 'reply');
});

check('messages up to 32 KiB are accepted (30 KiB, exactly 32768 bytes)', async ctx => {
    const a = await connect(ctx);
    for (const size of [30 * KiB, MAX_MESSAGE]) {
        const ref = unique('size');
        const answer = await a.requestText(pingOfSize(size, ref), ref);
        expectEqual(answer.msg, { event: 'reply', ref, data: { event: 'pong', data: { seq: 1 } } }, `reply to ${size} bytes`);
    }
});

check('a message fragmented over several frames is reassembled', async ctx => {
    const a = await connect(ctx);
    const ref = unique('frag');
    const text = pingOfSize(20 * KiB, ref);
    const parts = [text.slice(0, 7), text.slice(7, 9000), text.slice(9000)];
    parts.forEach((part, i) => a.ws.send(part, { fin: i === parts.length - 1 }));
    const answer = await a.answerTo(ref, 'the answer to a fragmented ping');
    expectEqual(answer.msg.data, { event: 'pong', data: { seq: 1 } }, 'reply data');
});

check('close 1009 for a 40 KiB message', async ctx => {
    const a = await connect(ctx);
    a.sendText(pingOfSize(40 * KiB, 'big'));
    await expectClosed(a, 1009);
    expect(!a.saw(f => f.event === 'reply'), 'the oversized message was answered');
});

check('close 1009 for 32768 + 1 bytes', async ctx => {
    const a = await connect(ctx);
    a.sendText(pingOfSize(MAX_MESSAGE + 1, 'big'));
    await expectClosed(a, 1009);
});

check('close 1009 when fragments add up to over 32 KiB', async ctx => {
    const a = await connect(ctx);
    const text = pingOfSize(40 * KiB, 'frag-big');
    const half = 20 * KiB;
    a.ws.send(text.slice(0, half), { fin: false });
    a.ws.send(text.slice(half), { fin: true });
    await expectClosed(a, 1009);
});

check('close 1003 for a binary frame', async ctx => {
    const a = await connect(ctx);
    a.ws.send(Buffer.from('{"event":"ping","data":{"seq":1}}'), { binary: true });
    await expectClosed(a, 1003);
    expect(!a.saw(f => f.event === 'pong' || f.event === 'reply'), 'the binary frame was handled');
});

check('(self-test) ws sends invalid UTF-8 text frames unchanged', async () => {
    // The 1007 check below relies on this: prove it against a local ws server that skips validation.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, skipUTF8Validation: true });
    try {
        await new Promise(resolve => server.once('listening', resolve));
        const received = new Promise(resolve =>
            server.once('connection', socket => socket.once('message', (data, isBinary) => resolve({ data, isBinary }))));
        const client = await Client.open(`ws://127.0.0.1:${server.address().port}`);
        client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
        const { data, isBinary } = await within(received, WAIT_MS, 'the frame');
        expectEqual(isBinary, false, 'sent as binary');
        expectEqual([...data], [0x7b, 0xff, 0xfe, 0x7d], 'bytes');
        client.ws.terminate();
    } finally {
        server.close();
    }
});

check('close 1007 for a text frame that is not valid UTF-8', async ctx => {
    const a = await connect(ctx);
    // {"event":"say","data":{"text":"<0xC3 0x28>"}}: 0xC3 starts a two-byte sequence that 0x28 does not continue.
    const bytes = Buffer.concat([Buffer.from('{"event":"say","data":{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);
    a.ws.send(bytes, { binary: false });
    await expectClosed(a, 1007);
});

check('close 1007 for an overlong UTF-8 encoding inside a JSON string', async ctx => {
    const a = await connect(ctx);
    // 0xC0 0xAF is an overlong "/": invalid UTF-8 even though each byte looks harmless.
    const bytes = Buffer.concat([Buffer.from('{"event":"ping","ref":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","data":{"seq":1}}')]);
    a.ws.send(bytes, { binary: false });
    await expectClosed(a, 1007);
});

// Runs alongside the others. The server pings a client it has heard nothing from for 15 s; it
// checks on a timer, so the ping may come a few seconds later (about 19 s in practice).
const keepAlive = {
    name: 'keep-alive: the server pings a silent client (first ping within 15 s + 10 s slack)',
    timeout: 30_000,
    async start() {
        this.client = await Client.open(chatUrl);
        const opened = Date.now();
        this.pinged = new Promise(resolve => this.client.ws.once('ping', () => resolve(Date.now() - opened)));
    },
    async run() {
        const elapsed = await within(this.pinged, Math.max(0, 25_000 - (Date.now() - this.started)), 'a ping');
        console.log(`# first keep-alive ping after ${(elapsed / 1000).toFixed(1)} s`);
        expect(elapsed >= 14_000, `the first ping came after ${elapsed} ms, before the client had been silent for 15 s`);
        expect(this.client.closeInfo === null, `the silent client was closed: ${JSON.stringify(this.client.closeInfo)}`);
        this.client.ws.terminate();
    },
};

// Only with CHECK_SLOW=1: a client that never answers a ping is dropped, without a close frame,
// 30 s after the ping (plus timer slack), and the others are told it left.
const slow = {
    name: 'a client that answers no ping is dropped (1006) within 15 s + 30 s + 15 s slack, and the others get left',
    timeout: 70_000,
    async start() {
        this.watcher = await Client.open(chatUrl);
        this.client = await Client.open(chatUrl, { autoPong: false });
        this.id = (await this.client.take(f => f.event === 'welcome', 'the welcome frame')).msg.data.id;
        this.opened = Date.now();
    },
    async run() {
        try {
            const info = await within(this.client.closed, Math.max(0, 60_000 - (Date.now() - this.opened)), 'the server to drop the client');
            console.log(`# silent client dropped after ${((Date.now() - this.opened) / 1000).toFixed(1)} s with ${info.code}`);
            expectEqual(info.code, 1006, 'close code seen by the client (the connection is aborted)');
            await this.watcher.take(f => f.event === 'left' && f.data?.id === this.id, `left {id: ${this.id}}`);
        } finally {
            this.watcher.ws.terminate();
            this.client.ws.terminate();
        }
    },
};

check('server frames were well-formed throughout (text, one JSON object, event string, data; replies have ref) and matched the AsyncAPI document', async () => {
    expect(violations.length === 0, violations.slice(0, 5).join('; '));
    expect(validateFrame, 'the AsyncAPI document was not loaded, so frames were not checked against it');
    expect(contractViolations.length === 0, contractViolations.slice(0, 5).join('; '));
});

// ---------------------------------------------------------------- running them

async function runOne({ name, run, timeout = CHECK_MS }, ctx) {
    try {
        await within(Promise.resolve().then(() => run(ctx)), timeout, 'the check to finish');
        console.log(`ok - ${name}`);
        return true;
    } catch (error) {
        const reason = (error instanceof CheckFailure ? error.message : String(error?.message ?? error)).replace(/\s+/g, ' ');
        console.log(`not ok - ${name}: ${reason}`);
        return false;
    } finally {
        await Promise.all(ctx.clients.map(c => c.closeAndWait()));
    }
}

async function main() {
    console.log(`# protocol check against ${chatUrl}`);
    let passed = 0;
    let failed = 0;
    const tally = ok => (ok ? passed++ : failed++);

    const background = [keepAlive];
    if (process.env.CHECK_SLOW === '1') background.push(slow);
    for (const item of background) {
        item.started = Date.now();
        try {
            await item.start();
        } catch (error) {
            item.startError = error;
        }
    }

    const last = checks.pop(); // the shape check sums up every frame seen, so it runs at the end
    for (const item of checks) tally(await runOne(item, { clients: [] }));
    for (const item of background) {
        const run = item.startError ? () => { throw item.startError; } : () => item.run();
        tally(await runOne({ name: item.name, run, timeout: item.timeout }, { clients: [] }));
    }
    tally(await runOne(last, { clients: [] }));

    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
}

// The background clients' long waits must not leave the process hanging after the summary.
main().then(code => process.exit(code), error => {
    console.log(`not ok - the check itself crashed: ${error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
});
