// Misuse the types must catch: every line after a @ts-expect-error must fail to compile, and
// tsc fails on a @ts-expect-error whose line compiles.
import { connect } from '../../../../samples/Chat/obj/typescript/chat.js';
import * as ticker from '../../../../samples/Ticker/obj/typescript/ticker.js';

export async function misuse(): Promise<void> {
  const client = connect('ws://localhost:5000');

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
  // @ts-expect-error an unknown option
  connect('ws://localhost:5000', { retries: 3 });

  const prices = ticker.connect();
  // @ts-expect-error a tick's price is a number
  prices.on('tick', (tick) => tick.price.toUpperCase());
  // @ts-expect-error Chat's events are not Ticker's
  prices.send('say', { text: 'hi' });
  // @ts-expect-error a tick's time is a string (ISO 8601), not a Date
  prices.on('tick', (tick) => tick.time.getTime());
  console.log(text, pong);
}
