// Talks to the README's app (published with Native AOT by ../run.sh) as its users would: two
// WebSocket clients of /ws/chat, POST /announce and GET /online from the README, and the endpoint
// and routes of Neighbours.cs that sit beside the other source generators.
//
//   node check.mjs http://127.0.0.1:5000
//
// Prints `ok - name` or `not ok - name: reason` per check, then `N passed, N failed`.

import { WebSocket } from '../../protocol-check/node_modules/ws/wrapper.mjs';

const base = (process.argv[2] ?? 'http://127.0.0.1:5000').replace(/\/+$/, '');
const wsBase = base.replace(/^http/, 'ws');
const WAIT_MS = 10_000;
let passed = 0;
let failed = 0;

function open(path) {
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(wsBase + path, { perMessageDeflate: false });
        const client = { ws, inbox: [], waiters: [] };
        ws.on('message', data => {
            client.inbox.push(JSON.parse(data.toString('utf8')));
            for (const wake of client.waiters.splice(0)) wake();
        });
        ws.once('open', () => resolve(client));
        ws.once('error', reject);
    });
}

/** The first unread frame with this event name (and matching `where`), waiting for it. */
async function take(client, event, where = () => true) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
        const index = client.inbox.findIndex(m => m.event === event && where(m));
        if (index >= 0) return client.inbox.splice(index, 1)[0];
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no '${event}' frame within ${WAIT_MS} ms; got ${JSON.stringify(client.inbox)}`);
        await new Promise(resolve => {
            client.waiters.push(resolve);
            setTimeout(resolve, left);
        });
    }
}

function equal(actual, expected, what) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

async function check(name, body) {
    try {
        await body();
        passed++;
        console.log(`ok - ${name}`);
    } catch (error) {
        failed++;
        console.log(`not ok - ${name}: ${error.message}`);
    }
}

/** Waits until the server counts this many clients (the upgrade completes before the join does). */
async function online(count) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
        const response = await fetch(base + '/online');
        if (response.ok && (await response.json()) === count) return;
        if (Date.now() > deadline) throw new Error(`the server never counted ${count} clients`);
        await new Promise(resolve => setTimeout(resolve, 20));
    }
}

const alice = await open('/ws/chat');
// Bob's arrival is announced to the clients that have joined: Alice must have, first.
await online(1);
const bob = await open('/ws/chat');

await check('a second client is announced to the first ([OnConnect] + BroadcastFrom)', async () => {
    await take(alice, 'joined');
});

await check('GET /online counts the clients (an inferred-return lambda over Clients)', async () => {
    const response = await fetch(base + '/online');
    equal(response.status, 200, 'status');
    equal(await response.json(), 2, 'body');
});

await check('POST /announce broadcasts to every client (the README snippet)', async () => {
    const response = await fetch(base + '/announce?text=' + encodeURIComponent('hello from http'), { method: 'POST' });
    equal(response.status, 200, 'status');
    for (const client of [alice, bob]) {
        equal((await take(client, 'said')).data, { from: 'server', text: 'hello from http' }, 'said');
    }
});

await check('say reaches everyone but the sender', async () => {
    alice.ws.send(JSON.stringify({ event: 'say', data: { text: 'hi bob' } }));
    const said = await take(bob, 'said');
    equal(said.data.text, 'hi bob', 'text');
    await new Promise(resolve => setTimeout(resolve, 200));
    equal(alice.inbox.filter(m => m.event === 'said').length, 0, 'frames the sender got back');
});

await check('ping with a ref is answered with pong', async () => {
    bob.ws.send(JSON.stringify({ event: 'ping', data: { seq: 41 }, ref: 'p1' }));
    equal(await take(bob, 'reply', m => m.ref === 'p1'), { event: 'reply', ref: 'p1', data: { event: 'pong', data: { seq: 41 } } }, 'reply');
});

await check('an unknown event is an error frame', async () => {
    bob.ws.send(JSON.stringify({ event: 'nope', ref: 'n1' }));
    equal((await take(bob, 'error', m => m.ref === 'n1')).data.code, 'unknown_event', 'code');
});

const moderator = await open('/ws/moderation');

await check('[GeneratedRegex] and [LoggerMessage] inside an endpoint run', async () => {
    moderator.ws.send(JSON.stringify({ event: 'submit', data: { text: 'see https://example.com' }, ref: 1 }));
    equal((await take(moderator, 'reply', m => m.ref === 1)).data, { event: 'verdict', data: { flagged: true } }, 'link');
    moderator.ws.send(JSON.stringify({ event: 'submit', data: { text: 'plain words' }, ref: 2 }));
    equal((await take(moderator, 'reply', m => m.ref === 2)).data, { event: 'verdict', data: { flagged: false } }, 'plain');
});

await check('GET /status answers through a JsonSerializerContext with validated options', async () => {
    const response = await fetch(base + '/status');
    equal(response.status, 200, 'status');
    equal(await response.json(), { moderators: 1, maxLength: 200 }, 'body');
});

await check('POST /moderation/stop closes the endpoint\'s clients with 1001', async () => {
    const closed = new Promise(resolve => moderator.ws.once('close', code => resolve(code)));
    const response = await fetch(base + '/moderation/stop', { method: 'POST' });
    equal(response.status, 200, 'status');
    equal(await closed, 1001, 'close code');
});

for (const client of [alice, bob]) client.ws.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
