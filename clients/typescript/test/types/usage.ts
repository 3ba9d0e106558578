// Every event of the Chat contract, used as an app would: this file must compile with --strict.
import { connect, SocketError, SocketTimeoutError, type SocketState, type StateInfo } from '../../runtime/index.js';
import { chat, type Said, type Pong } from './chat.js';

export async function chatting(): Promise<void> {
  const client = connect(chat, '/ws/chat', { requestTimeout: 5_000, reconnect: { maxAttempts: 10 }, accessToken: () => 'token', WebSocket: globalThis.WebSocket });
  await client.ready;

  const stops: Array<() => void> = [
    client.on('welcome', (welcome) => console.log(welcome.id, welcome.online.toFixed(0))),
    client.on('joined', (joined) => console.log(joined.id)),
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
    }
  }
  stops.forEach((stop) => stop());
  client.close(1000, 'bye');
}
