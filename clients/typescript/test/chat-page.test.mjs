// The Chat sample's page in headless Chromium (Debian's, driven by playwright-core): two pages chat
// through the generated TypeScript client the app serves, rooms work, a request gets its reply,
// and after the server restarts both pages reconnect by themselves, rejoin their rooms and chat
// again, without a single console error. The Chat sample is started here (built by run.sh), so
// the test can stop it and start it again on the same port.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { root, freePort, startServer, stopServer } from './helpers/server.mjs';

const chatDll = `${root}samples/Chat/bin/Release/net10.0/Chat.dll`;
const output = process.env.TEST_OUTPUT ?? `${root}artifacts/test-output/typescript`;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Flags for a machine without a network beyond loopback: no background traffic, no sandbox as root.
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
];

const servers = new Set();
let browser;
after(async () => {
  await browser?.close();
  for (const server of servers) {
    await stop(server);
  }
});

const start = async (port) => {
  const server = await startServer(chatDll, port);
  servers.add(server);
  return server;
};

async function stop(server) {
  servers.delete(server);
  await stopServer(server);
}

/** Opens the page and waits until it says who it is; records every console error and page error, with its time. */
async function openPage(url, errors, name) {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push({ at: Date.now(), text: `${name} console: ${message.text()}` });
    }
  });
  page.on('pageerror', (error) => errors.push({ at: Date.now(), text: `${name} page error: ${error.message}` }));
  await page.goto(url);
  await page.locator('#status', { hasText: 'you are' }).waitFor({ timeout: 15_000 });
  return page;
}

/** The id the page was given, from its status line ("you are c1 · 2 online"). */
async function idOf(page) {
  const status = await page.locator('#status').textContent();
  return /you are (\S+)/.exec(status)[1];
}

async function say(page, text) {
  await page.fill('#say-text', text);
  await page.click('#say');
}

async function sayInRoom(page, room, text) {
  await page.fill('#room-name', room);
  await page.fill('#room-text', text);
  await page.click('#room-say');
}

async function join(page, room) {
  await page.fill('#room-name', room);
  await page.click('#room-join');
  await page.locator('#rooms', { hasText: `#${room}` }).waitFor({ timeout: 10_000 });
}

const message = (page, text, timeout = 15_000) => page.locator('#messages li', { hasText: text }).first().waitFor({ timeout });

test('two pages chat on the generated client, and both reconnect by themselves after a server restart', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let server = await start(port);
  browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const errors = [];

  const alice = await openPage(url, errors, 'alice');
  const bob = await openPage(url, errors, 'bob');
  const bobId = await idOf(bob);

  // Both chat, each seeing the other's line under the sender's id.
  await say(alice, 'hello from alice');
  await message(bob, 'hello from alice');
  await say(bob, 'hello from bob');
  await message(alice, 'hello from bob');
  await message(alice, bobId);

  // Rooms: speaking before joining is refused with the server's message; after joining, it reaches the room.
  await sayInRoom(alice, 'lobby', 'too early');
  await message(alice, "Join room 'lobby' before speaking in it.");
  await join(alice, 'lobby');
  await join(bob, 'lobby');
  await sayInRoom(alice, 'lobby', 'hello lobby');
  await message(bob, 'hello lobby');
  await message(bob, 'in #lobby');

  // A request with a typed reply.
  await alice.click('#ping');
  await message(alice, 'pong 1 in');

  // The server restarts on the same port: both pages notice, back off, and reconnect by themselves.
  const down = Date.now();
  await stop(server);
  await alice.locator('#status', { hasText: 'reconnecting' }).waitFor({ timeout: 15_000 });
  await bob.locator('#status', { hasText: 'reconnecting' }).waitFor({ timeout: 15_000 });
  server = await start(port);
  const up = Date.now();
  // The pages back off with full jitter while the server is down (attempt n waits up to
  // 0.5 s × 2^(n-1)), so a slow start on a loaded machine can mean a wait of many seconds.
  await message(alice, 'Reconnected.', 60_000);
  await message(bob, 'Reconnected.', 60_000);
  await alice.locator('#status', { hasText: 'you are' }).waitFor({ timeout: 15_000 });
  await bob.locator('#status', { hasText: 'you are' }).waitFor({ timeout: 15_000 });

  // They chat again, and the rooms they were in were joined again for them.
  await say(bob, 'bob is back');
  await message(alice, 'bob is back');
  await sayInRoom(alice, 'lobby', 'lobby is back');
  await message(bob, 'lobby is back');
  await alice.click('#ping');
  await message(alice, 'pong 2 in');

  mkdirSync(output, { recursive: true });
  await alice.screenshot({ path: `${output}/chat-alice.png`, fullPage: true });
  await bob.screenshot({ path: `${output}/chat-bob.png`, fullPage: true });

  // No console error at all, but one: Chromium itself reports each connection attempt refused
  // while the server was down ("WebSocket connection to '…' failed"), which no page can silence.
  const refused = (error) => error.at >= down && error.at <= up + 1_000
    && /^(alice|bob) console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws\/chat\?[^']*' failed: /.test(error.text);
  console.log(`# attempts refused while the server was down: ${errors.filter(refused).length}`);
  assert.deepEqual(errors.filter((error) => !refused(error)).map((error) => error.text), []);
});
