// Every event of the Chat sample's contract, used as an app would, through the client package the
// build of samples/Chat wrote: this file must compile with --strict.
import { connect, type ChatClient, type Said, type Pong, type Welcome } from '../../../../samples/Chat/obj/typescript/chat.js';
import { SocketError, SocketTimeoutError, SocketDisconnectedError, type SocketState, type StateInfo } from '../../../../samples/Chat/obj/typescript/runtime.js';
import { chat } from '../../../../samples/Chat/obj/typescript/index.js';

export async function chatting(): Promise<void> {
  const client: ChatClient = connect('/', { requestTimeout: 5_000, reconnect: { maxAttempts: 10 }, accessToken: () => 'token', WebSocket: globalThis.WebSocket });
  await client.ready;

  const stops: Array<() => void> = [
    client.on('welcome', (welcome: Welcome) => console.log(welcome.id, welcome.online.toFixed(0))),
    client.on('joined', (joined) => console.log(joined.id.toUpperCase())),
    client.on('left', (left) => console.log(left.id)),
    client.on('said', (said: Said) => console.log(`${said.from}: ${said.text}`)),
    client.on('room_said', (said) => console.log(said.room, said.from, said.text)),
    client.on('pong', (pong) => console.log(pong.seq + 1)),
    client.onState((state: SocketState, info: StateInfo) => console.log(state, info.attempt, info.code)),
    client.onError((error: SocketError) => console.log(error.code, error.message)),
  ];

  client.send('say', { text: 'hi' });
  const done: undefined = await client.request('say', { text: 'hi' });
  await client.request('join_room', { room: 'lobby' });
  await client.request('room_say', { room: 'lobby', text: 'hello room' });
  await client.request('leave_room', { room: 'lobby' }, { signal: AbortSignal.timeout(1_000) });
  const pong: Pong = await client.request('ping', { seq: 1 }, { timeout: 500 });
  const seq: number = pong.seq;
  console.log(done, seq);

  try {
    await client.request('ping', { seq: 2 });
  } catch (error) {
    if (error instanceof SocketTimeoutError) {
      console.log(error.event, error.timeout);
    } else if (error instanceof SocketDisconnectedError) {
      console.log(error.message);
    }
  }
  stops.forEach((stop) => stop());
  client.close(1000, 'bye');

  // The index gathers every endpoint's module under its name, beside the runtime.
  const other = chat.connect(new URL('ws://localhost:5000'));
  console.log(chat.contract.path, chat.contract.hash, other.state);
}
