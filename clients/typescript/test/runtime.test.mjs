// The client runtime in Node, with `ws` as its WebSocket, through the client package the build of
// samples/Chat wrote (its runtime.js is this folder's runtime, copied by the generator): against the
// Chat sample (CHAT_URL) for the real protocol, and against small fake servers for what a real
// server would not do (never answer, restart on demand, send garbage).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';
import { connect, SocketError, SocketTimeoutError, SocketDisconnectedError } from '../../../samples/Chat/obj/typescript/runtime.js';
import { contract as chat, connect as connectChat } from '../../../samples/Chat/obj/typescript/chat.js';

const chatUrl = process.env.CHAT_URL;

// Whatever a test opened is closed after it, passed or failed, so a failure cannot keep the
// process alive with an open socket.
const opened = { clients: [], servers: [] };
afterEach(async () => {
  for (const client of opened.clients.splice(0)) {
    client.close();
  }
  for (const server of opened.servers.splice(0)) {
    for (const socket of server.clients) {
      socket.terminate();
    }
    server.close();
  }
});

/** connect(), remembered for the cleanup. */
function open(contract, url, options) {
  const client = connect(contract, url, options);
  opened.clients.push(client);
  return client;
}
const quiet = { warn() {}, error() {} };

/** Resolves with the next data of `event`. */
function next(client, event) {
  return new Promise((resolve) => {
    const stop = client.on(event, (data) => {
      stop();
      resolve(data);
    });
  });
}

/** A fake server on a free loopback port; `answer(socket, frame)` handles each frame it receives. */
async function fakeServer(onConnection, port = 0) {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await once(server, 'listening');
  opened.servers.push(server);
  server.on('connection', onConnection);
  return { server, url: `ws://127.0.0.1:${server.address().port}/ws/chat`, port: server.address().port };
}

async function closeServer(server) {
  for (const client of server.clients) {
    client.terminate();
  }
  server.close();
  await once(server, 'close');
}

test('two clients chat through the Chat sample: said, replies and welcome', { skip: !chatUrl }, async () => {
  const alice = open(chat, chatUrl, { WebSocket });
  const aliceWelcome = next(alice, 'welcome');
  await alice.ready;
  const aliceId = (await aliceWelcome).id;
  const bob = open(chat, chatUrl, { WebSocket });
  const joined = next(alice, 'joined');
  await bob.ready;
  await joined;

  const said = next(bob, 'said');
  assert.equal(await alice.request('say', { text: 'hello from node' }), undefined);
  assert.deepEqual(await said, { from: aliceId, text: 'hello from node' });
  assert.deepEqual(await alice.request('ping', { seq: 7 }), { seq: 7 });

  alice.close();
  bob.close();
});

test('an error frame rejects the request with its code and message', { skip: !chatUrl }, async () => {
  const client = open(chat, chatUrl, { WebSocket });
  await client.ready;

  await assert.rejects(client.request('room_say', { room: 'lobby', text: 'hi' }), (error) => {
    assert.ok(error instanceof SocketError);
    assert.equal(error.code, 'forbidden');
    assert.equal(error.message, "Join room 'lobby' before speaking in it.");
    return true;
  });
  // Rooms work once joined.
  await client.request('join_room', { room: 'lobby' });
  await client.request('room_say', { room: 'lobby', text: 'hi' });
  client.close();
});

test('the contract hash and the access token travel in the query string', async () => {
  const seen = [];
  const { server, url } = await fakeServer((socket, request) => seen.push(new URL(request.url, 'ws://x')));
  const client = open({ ...chat, hash: 'abc123' }, url.replace('/ws/chat', ''), { WebSocket, accessToken: async () => 'tok en' });
  await client.ready;

  assert.equal(seen[0].pathname, '/ws/chat');
  assert.equal(seen[0].searchParams.get('ts-contract'), 'abc123');
  assert.equal(seen[0].searchParams.get('access_token'), 'tok en');
  client.close();
  await closeServer(server);
});

test('a request times out, is aborted, or fails when the connection is lost', async () => {
  // A server that reads and never answers.
  const { server, url } = await fakeServer(() => {});
  const client = open(chat, url, { WebSocket, reconnect: { enabled: false }, logger: quiet });
  await client.ready;

  await assert.rejects(client.request('ping', { seq: 1 }, { timeout: 50 }), SocketTimeoutError);
  const controller = new AbortController();
  const aborted = client.request('ping', { seq: 2 }, { signal: controller.signal });
  controller.abort();
  await assert.rejects(aborted, { name: 'AbortError' });
  const lost = client.request('ping', { seq: 3 });
  await closeServer(server);
  await assert.rejects(lost, SocketDisconnectedError);
  assert.equal(client.state, 'closed');
  assert.throws(() => client.send('say', { text: 'too late' }), SocketDisconnectedError);
});

test('after the server restarts the client reconnects by itself, backing off with jitter', async () => {
  let first = await fakeServer(() => {});
  const port = first.port;
  const client = open(chat, first.url, { WebSocket, reconnect: { baseDelay: 20, maxDelay: 160 }, logger: quiet });
  const infos = [];
  client.onState((state, info) => infos.push({ state, ...info }));
  await client.ready;

  await closeServer(first.server);
  // Down long enough for a few attempts to fail.
  while (infos.filter((info) => info.state === 'reconnecting').length < 4) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const restarted = await fakeServer(() => {}, port);
  while (client.state !== 'open') {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  const attempts = infos.filter((info) => info.state === 'reconnecting');
  assert.deepEqual(attempts.map((info) => info.attempt), attempts.map((_, i) => i + 1));
  for (const { attempt, delay } of attempts) {
    assert.ok(delay >= 0 && delay <= Math.min(160, 20 * 2 ** (attempt - 1)), `attempt ${attempt} waited ${delay} ms`);
  }
  assert.equal(infos.at(-1).state, 'open');
  assert.equal(infos.at(-1).reconnected, true);
  client.close();
  await closeServer(restarted.server);
});

test('the client gives up after maxAttempts and says so', async () => {
  const { server, url } = await fakeServer(() => {});
  const client = open(chat, url, { WebSocket, reconnect: { baseDelay: 5, maxDelay: 5, maxAttempts: 2 }, logger: quiet });
  await client.ready;
  const closed = new Promise((resolve) => client.onState((state, info) => state === 'closed' && resolve(info)));

  await closeServer(server);

  assert.equal((await closed).gaveUp, true);
});

test('garbage from a server is counted and skipped, handlers that throw do not stop the rest', async () => {
  const { server, url } = await fakeServer((socket) => {
    for (const frame of [
      'not json', '[1,2]', '{"data":1}', '{"event":"nope","data":{}}', '{"event":"said"}',
      '{"event":"error","data":{"no":"code"}}', '{"event":"reply","ref":999,"data":null}',
    ]) {
      socket.send(frame);
    }
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send('{"event":"said","data":{"from":"x","text":"' + 'y'.repeat(2000) + '"}}');
    socket.send('{"event":"said","data":{"from":"server","text":"still here"}}');
  });
  const failures = [];
  const client = open(chat, url, { WebSocket, maxMessageSize: 1000, logger: { warn() {}, error: (message) => failures.push(message) } });
  client.on('said', () => {
    throw new Error('handler bug');
  });
  const said = next(client, 'said');

  assert.deepEqual(await said, { from: 'server', text: 'still here' });
  // Six broken frames, a reply to a ref this client never used, a binary one and one too large.
  assert.equal(client.rejectedFrames, 9);
  assert.equal(failures.length, 1);
  assert.equal(client.state, 'open');
  client.close();
  await closeServer(server);
});

test('subscribing to an event the contract does not send is refused at once', () => {
  const client = open(chat, 'ws://127.0.0.1:1/', { WebSocket, reconnect: { enabled: false }, logger: quiet });
  assert.throws(() => client.on('nope', () => {}), TypeError);
  client.close();
});

test('a hostile error frame cannot throw into the socket, and late answers are dropped quietly', async () => {
  const { server, url } = await fakeServer((socket) => {
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      // A message that is not a string, then (late) an answer to the same ref.
      socket.send(JSON.stringify({ event: 'error', ref: frame.ref, data: { code: 'odd', message: { toString: 1 } } }));
      setTimeout(() => socket.send(JSON.stringify({ event: 'error', ref: frame.ref, data: { code: 'late', message: 'x' } })), 20);
    });
  });
  const client = open(chat, url, { WebSocket, logger: quiet });
  const errors = [];
  client.onError((error) => errors.push(error));
  await client.ready;

  await assert.rejects(client.request('ping', { seq: 1 }), (error) => error instanceof SocketError && error.code === 'odd' && error.message === '');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(errors, []);
  assert.equal(client.rejectedFrames, 0);
});

test('a server that accepts and closes at once gets ever longer delays, and maxAttempts applies', async () => {
  const { url } = await fakeServer((socket) => socket.close(1008, 'go away'));
  const client = open(chat, url, { WebSocket, reconnect: { baseDelay: 5, maxDelay: 40, maxAttempts: 4 }, logger: quiet });
  const infos = [];
  const closed = new Promise((resolve) => client.onState((state, info) => {
    infos.push({ state, ...info });
    if (state === 'closed') {
      resolve(info);
    }
  }));

  assert.equal((await closed).gaveUp, true);
  assert.deepEqual(infos.filter((info) => info.state === 'reconnecting').map((info) => info.attempt), [1, 2, 3, 4]);
  // The first open is not a reconnection; the later ones are.
  assert.deepEqual(infos.filter((info) => info.state === 'open').map((info) => info.reconnected), [false, true, true, true, true]);
  assert.equal(client.closeCode, 1008);
});

test('options given as undefined keep their defaults, and an address that is not ws is refused', () => {
  assert.throws(() => connect(chat, 'ftp://example.com/', { WebSocket }), TypeError);
  assert.throws(() => connect(chat, 'ws://127.0.0.1:1/', {}), globalThis.WebSocket ? undefined : TypeError);
  const client = open(chat, 'ws://127.0.0.1:1/', { WebSocket, requestTimeout: undefined, reconnect: { enabled: undefined, baseDelay: undefined }, logger: quiet });
  assert.equal(client.state, 'connecting');
});

test('the generated contract carries the hash the Chat sample expects, and one with another hash is refused', { skip: !chatUrl }, async () => {
  const client = connectChat(chatUrl, { WebSocket });
  opened.clients.push(client);
  const welcome = next(client, 'welcome');
  await client.ready;
  assert.match((await welcome).id, /\S/);

  const stranger = open({ ...chat, hash: '0000000000000000' }, chatUrl, { WebSocket, reconnect: { enabled: false }, logger: quiet });
  await assert.rejects(stranger.ready);
  assert.equal(stranger.state, 'closed');
});

test('outside a browser a relative address is refused with a clear message', () => {
  assert.throws(() => connectChat('/', { WebSocket }), /relative/);
  assert.throws(() => connectChat(undefined, { WebSocket }), /relative/);
});
