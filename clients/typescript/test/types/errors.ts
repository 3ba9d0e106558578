// Misuse the types must catch: every line after a @ts-expect-error must fail to compile, and
// tsc fails on a @ts-expect-error whose line compiles.
import { connect } from '../../runtime/index.js';
import { chat } from './chat.js';

export async function misuse(): Promise<void> {
  const client = connect(chat, 'ws://localhost:5000');

  // @ts-expect-error an event the contract does not send to clients
  client.on('nope', () => {});
  // @ts-expect-error an event clients may not send
  client.send('said', { from: 'me', text: 'hi' });
  // @ts-expect-error a wrong field in the payload
  client.send('say', { body: 'hi' });
  // @ts-expect-error a missing required field
  client.send('room_say', { room: 'lobby' });
  // @ts-expect-error a field of the wrong type
  client.send('ping', { seq: '1' });
  // @ts-expect-error the reply of ping is a Pong, not a string
  const text: string = await client.request('ping', { seq: 1 });
  // @ts-expect-error say is answered with nothing
  const pong: { seq: number } = await client.request('say', { text: 'hi' });
  // @ts-expect-error the handler's data is a Said, which has no body
  client.on('said', (said) => console.log(said.body));
  // @ts-expect-error a state that does not exist
  client.onState((state) => state === 'opened');
  console.log(text, pong);
}
