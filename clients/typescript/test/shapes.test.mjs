// The generated types against the server's real JSON, with the shapes fixture (test/fixture, built
// by run.sh): `sample` and `minimal` (test/types/shapes.ts) compile as the generated Everything
// type, and here the server writes exactly `sample`, reads both back, and refuses what lacks a
// required member. The fixture also serves its package (MapTypeScriptClient), checked against the
// files its build wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { root, freePort, startServer, stopServer } from './helpers/server.mjs';
import { connect } from './fixture/obj/typescript/shapes.js';
import { SocketError } from './fixture/obj/typescript/runtime.js';
import { sample, minimal } from '../obj/type-tests/shapes.js';

const packageDir = `${root}clients/typescript/test/fixture/obj/typescript/`;
let server;
let base;
let client;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(`${root}clients/typescript/test/fixture/bin/Release/net10.0/Shapes.dll`, port);
  client = connect(base, { WebSocket });
  await client.ready;
});

after(async () => {
  client?.close();
  if (server) {
    await stopServer(server);
  }
});

test('the server writes exactly the value the generated types describe', async () => {
  assert.deepEqual(await client.request('get_sample', {}), sample);
});

test('the server reads what the types allow: every member, or only the required ones', async () => {
  assert.deepEqual((await client.request('everything', sample)).value, sample);
  // The optional member comes back with its default; the one written only when not null stays out.
  assert.deepEqual((await client.request('everything', minimal)).value, { ...minimal, optional: 3 });
});

test('what the types refuse the server refuses too: a missing required member, a wrong discriminator, an unknown name', async () => {
  const { tree, ...withoutTree } = minimal;
  assert.ok(tree);
  await assert.rejects(client.request('everything', withoutTree), (error) => error instanceof SocketError && error.code === 'invalid_data');
  await assert.rejects(
    client.request('everything', { ...minimal, shape: { kind: 'triangle', side: 1 } }),
    (error) => error instanceof SocketError && error.code === 'invalid_data');
  await assert.rejects(
    client.request('everything', { ...minimal, color: 'green' }),
    (error) => error instanceof SocketError && error.code === 'invalid_data');
});

test('the app serves the package its build wrote, revalidated by ETag', async () => {
  for (const file of ['shapes.js', 'shapes.d.ts', 'runtime.js', 'index.js', 'package.json']) {
    const response = await fetch(`${base}/client/${file}`);
    assert.equal(response.status, 200, file);
    assert.equal(await response.text(), readFileSync(packageDir + file, 'utf8'), file);
  }
  const script = await fetch(`${base}/client/shapes.js`);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(script.headers.get('cache-control'), 'no-cache');
  const etag = script.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.equal((await fetch(`${base}/client/shapes.js`, { headers: { 'if-none-match': etag } })).status, 304);
  assert.equal((await fetch(`${base}/client/shapes.js`, { headers: { 'if-none-match': '"other"' } })).status, 200);
  const head = await fetch(`${base}/client/shapes.js`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), Buffer.byteLength(readFileSync(packageDir + 'shapes.js', 'utf8')));
  assert.equal((await fetch(`${base}/client/nope.js`)).status, 404);
  assert.equal((await fetch(`${base}/client/../Shapes.dll`)).status, 404);

  const manifest = JSON.parse(readFileSync(packageDir + 'package.json', 'utf8'));
  assert.equal(manifest.name, '@fixture/shapes-client');
  assert.match(manifest.version, /^0\.1\.0-c[0-9a-f]{16}$/);
  assert.equal(manifest.version, `0.1.0-c${manifest.typedsockets.endpoints.shapes.hash}`);
});
